package dev.gradfit.plots;

import dev.gradfit.model.FittedModel;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The names a plot writes on its axes: one per feature, and the target's.
 *
 * @param features the name of each feature, in column order
 * @param target the name of the target
 */
public record PlotLabels(List<String> features, String target) {

    public PlotLabels {
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a model has at least one feature to name");
        }
    }

    /** "x" for a single feature ("x[0]", "x[1]"… for several) and "y" for the target. */
    public static PlotLabels defaults(int features) {
        if (features == 1) {
            return new PlotLabels(List.of("x"), "y");
        }
        return new PlotLabels(
                IntStream.range(0, features).mapToObj(j -> "x[" + j + "]").toList(), "y");
    }

    /** The model's own names where it has them, else the defaults. */
    public static PlotLabels of(FittedModel model) {
        PlotLabels defaults = defaults(model.features());
        return new PlotLabels(
                model.featureNames() == null ? defaults.features() : model.featureNames(),
                model.targetName() == null ? defaults.target() : model.targetName());
    }

    /** The name of feature {@code j}. */
    public String feature(int j) {
        return features.get(j);
    }
}
