package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Standardizer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The features that are constant beside a fitted intercept: those whose weighted spread is 0 or at the level
 * of rounding of their values ({@link Standardizer#atRoundingLevel}), the same columns a centring
 * {@link Standardizer} leaves unscaled. Such a feature is collinear with the intercept, so without l2 the
 * minimiser is not unique; treating a column that varies by an ulp as varying gives coefficients of 1e12
 * fitted to rounding noise.
 */
final class ConstantColumns {

    private ConstantColumns() {}

    /**
     * What to say of the constant columns of {@code training}, or {@code null} when there are none.
     *
     * @param standardizer the fit's standardizer, whose columns are those of the data it was measured on, or
     *     {@code null} when the fit did not standardize (the columns are then measured here)
     */
    static String describe(Dataset training, Standardizer standardizer) {
        int[] columns = (standardizer == null ? Standardizer.of(training, true) : standardizer).constantColumns();
        if (columns.length == 0) {
            return null;
        }
        String names = Arrays.stream(columns).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        boolean one = columns.length == 1;
        return (one ? "feature " + names + " is" : "features " + names + " are") + " constant (or "
                + (one ? "varies" : "vary") + " only at the level of rounding: a standard deviation of at most "
                + Standardizer.ROUNDING_ULPS + " units in the last place of " + (one ? "its" : "their")
                + " largest value) and treated as constant";
    }
}
