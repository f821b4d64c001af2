package dev.gradfit.fitting;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.Diagnostician;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.CompensatedSquaredObjective;
import dev.gradfit.fitting.objective.CostOfWeights;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.objective.Objectives;
import dev.gradfit.fitting.objective.ParallelSoftmaxObjective;
import dev.gradfit.fitting.stopping.HoldOut;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import dev.gradfit.fitting.train.Trainer;
import dev.gradfit.fitting.train.WorkEstimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point into the numerical core: data, hyperparameters and options in; weights, cost
 * history, diagnostics and a predictor out. It chooses how the mean loss is computed, wraps the fit in
 * standardization when asked, clamps the time budget, and computes the diagnostics.
 *
 * <p>Stateless and thread-safe; the same input gives the same {@link FitResult}, bit for bit.
 */
public final class Fitter {

    /** How the mean loss is computed: the fastest exact way. */
    private static final ObjectiveFactory OBJECTIVES = Objectives.FASTEST;

    /**
     * With standardization, the squared loss is computed in double-double: standardizing is asked for
     * accuracy on badly scaled data, and only the accurate objective keeps what standardization gains
     * (see {@link Standardizer#objective}). About five times the direct loop's cost per epoch, where the
     * sufficient statistics of {@link Objectives#FASTEST} cost O(d²) whatever the number of points.
     */
    private static final ObjectiveFactory STANDARDIZED_OBJECTIVES = CompensatedSquaredObjective.orElse(OBJECTIVES);

    /**
     * {@code 2^-511 ≈ 1.5e-154}, the square root of {@link Double#MIN_NORMAL}: a feature whose values are all
     * smaller is refused.
     */
    public static final double SMALLEST_FEATURE_SCALE = 0x1p-511;

    private final int historyLimit;
    private final Trainer trainer;

    /** @param historyLimit the most cost-history entries a result keeps (sampled at a stride beyond it) */
    public Fitter(int historyLimit) {
        this.historyLimit = historyLimit;
        this.trainer = new Trainer(historyLimit);
    }

    /**
     * The multiply-adds the fit would compute, counted as {@link WorkEstimate} counts them, so that a limit
     * on it bounds the time a fit takes. A standardized squared-loss fit runs the compensated objective, a
     * pass over the rows per epoch.
     */
    public static long work(long rows, long features, Hyperparameters hyperparameters, boolean standardize) {
        return standardize && hyperparameters.loss() instanceof SquaredLoss
                ? WorkEstimate.compensated(rows, features, WorkEstimate.evaluations(hyperparameters))
                : WorkEstimate.of(rows, features, hyperparameters);
    }

    /**
     * Whether a softmax model of {@code classes} classes and {@code features} features can be fitted: the partial
     * sums of one chunk of rows, {@code 1 + K·(d + 1)} of them, must fit within the fit's working memory.
     */
    public static boolean fitsSoftmax(int classes, int features) {
        return ParallelSoftmaxObjective.fits(classes, features);
    }

    /**
     * {@link #work(long, long, Hyperparameters, boolean)} for {@code data}: a pass over sparse rows touches their
     * stored values alone, so it counts as many features a row as they store on average (rounded up). The squared
     * loss's sufficient statistics write each row out densely, and count all its columns.
     */
    public static long work(Dataset data, Hyperparameters hyperparameters, boolean standardize) {
        if (!data.isSparse()) {
            return work(data.rows(), data.columns(), hyperparameters, standardize);
        }
        long rows = data.rows();
        long touched = (data.sparseRows().stored() + rows - 1) / rows;
        boolean squared = hyperparameters.loss() instanceof SquaredLoss;
        if (squared && !standardize && hyperparameters.batching().isFullBatch(data.rows())) {
            return WorkEstimate.of(rows, data.columns(), hyperparameters);
        }
        return work(rows, touched, hyperparameters, standardize);
    }

    /**
     * Fits, then computes the diagnostics on the same thread.
     *
     * <p>An observer in the options sees every epoch; when it cancels, the fit ends at once, without
     * diagnostics or result.
     *
     * @throws dev.gradfit.fitting.train.FitDivergedException if the cost or gradient stops being finite
     * @throws dev.gradfit.fitting.train.FitCanceledException if the options' observer cancels the fit
     * @throws InvalidSplitException if early stopping's split leaves no usable rows
     * @throws InvalidFeatureException if a feature's values are all below {@link #SMALLEST_FEATURE_SCALE}
     * @throws IllegalArgumentException if the data has offsets and the loss is not a {@link LogLinkLoss}
     */
    public Fit fit(Dataset data, Hyperparameters hyperparameters, FitOptions options) {
        if (data.hasOffsets() && !(hyperparameters.loss() instanceof LogLinkLoss)) {
            // The squared and logistic paths (sufficient statistics, their kernels and references) have no
            // offset term; the API refuses offsets for them too.
            throw new IllegalArgumentException(
                    "offsets are taken by the log-link losses only, not by " + hyperparameters.loss());
        }
        checkFeatureScales(data);
        ObjectiveFactory objectives = options.standardize() ? STANDARDIZED_OBJECTIVES : OBJECTIVES;
        try {
            // The start, when it is a log link's null model, is in the settings the fit reports.
            Hyperparameters limited = withTimeLimit(hyperparameters, options.timeLimit());
            if (limited.initialWeights() == null && limited.loss() instanceof LogLinkLoss) {
                limited = Trainer.withStart(training(data, limited), limited);
            }
            Standardizer standardizer = options.standardize() ? Standardizer.of(data, limited.fitIntercept()) : null;
            FitResult descended = standardizer == null
                    ? trainer.fit(data, limited, options.observer())
                    : standardizer.fit(data, limited, historyLimit, objectives, options.observer());
            FitResult result = descended.withFinalCost(costOf(descended.weights(), data, limited, standardizer));
            FitDiagnostics diagnostics = Diagnostician.of(data, limited, result, standardizer);
            return new Fit(limited, result, diagnostics, Predictor.of(limited, result.weights()));
        } catch (HoldOut.UnusableSplitException split) {
            throw new InvalidSplitException(split.getMessage(), split);
        }
    }

    /**
     * The cost of the returned weights, as reported: computed once more, accurately, from those weights as
     * they are returned (in the original units, after the mapping back from standardized space has rounded
     * them) on the rows descent minimised over, so that it is their cost to about 1e-15 of itself whatever
     * the loss, batching or scale of the data ({@link CostOfWeights}). The divergence checks have already
     * judged the epochs' own costs, so a last entry that differs from its epoch's by rounding cannot trip them.
     */
    private static double costOf(
            Weights weights, Dataset data, Hyperparameters hyperparameters, Standardizer standardizer) {
        return CostOfWeights.of(
                training(data, hyperparameters),
                hyperparameters.loss(),
                weights.toVector(),
                hyperparameters.regularization(),
                standardizer == null ? null : standardizer.scales());
    }

    /** The rows descent minimises over: all of them, or what early stopping's split leaves for training. */
    private static Dataset training(Dataset data, Hyperparameters hyperparameters) {
        return hyperparameters
                .earlyStopping()
                .map(rule -> HoldOut.split(data, rule.validationFraction(), hyperparameters.seed())
                        .training())
                .orElse(data);
    }

    /**
     * Refuses a feature whose nonzero values are all smaller than {@link #SMALLEST_FEATURE_SCALE}: their
     * squares fall below the smallest normal double and lose their digits (1e-310 is already subnormal, and
     * its square is 0), so that sums of squares, the Householder norms and the cost at the large weights
     * such a column needs are all wrong, and the exact minimiser may not even be a finite double. A column
     * of zeros is only a constant column, which the fit handles.
     */
    private static void checkFeatureScales(Dataset data) {
        double[] magnitudes = data.largestMagnitudes();
        for (int j = 0; j < magnitudes.length; j++) {
            double largest = magnitudes[j];
            if (largest > 0 && largest < SMALLEST_FEATURE_SCALE) {
                throw new InvalidFeatureException(
                        j,
                        "feature " + j + " has no value larger than " + largest + " in magnitude: below 1.5e-154 (the"
                                + " square root of the smallest normal double) squares underflow, and no fit or"
                                + " reference can be computed accurately; multiply the feature by a power of ten");
            }
        }
    }

    /**
     * One time budget, which the effective hyperparameters echo: the one asked for when shorter than the
     * limit, the limit otherwise.
     */
    private static Hyperparameters withTimeLimit(Hyperparameters hyperparameters, Duration limit) {
        List<StoppingRule> rules = new ArrayList<>();
        Duration budget = limit;
        for (StoppingRule rule : hyperparameters.stoppingRules()) {
            if (rule instanceof TimeBudgetRule asked) {
                budget = asked.budget().compareTo(budget) < 0 ? asked.budget() : budget;
            } else {
                rules.add(rule);
            }
        }
        rules.add(new TimeBudgetRule(budget));
        return hyperparameters.toBuilder().stoppingRules(rules).build();
    }
}
