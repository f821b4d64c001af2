package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogLinkLoss;

/**
 * Goodness of fit of a log-link model (Poisson, Gamma, Tweedie), on the scale of y: the mean
 * {@code μᵢ = e^(zᵢ + oᵢ)} of row {@code i}, its offset {@code oᵢ} included, against {@code yᵢ}; each mean
 * weighted by the sample weights {@code sᵢ}.
 *
 * <ul>
 *   <li>{@code meanDeviance = Σ sᵢ·d(yᵢ, μᵢ) / Σ sᵢ} with the unit deviance {@code d = 2·ℓ}, twice the half
 *       deviance the fit minimises ({@link LogLinkLoss}): scikit-learn's {@code mean_poisson_deviance},
 *       {@code mean_gamma_deviance} and {@code mean_tweedie_deviance(power=p)};
 *   <li>{@code d2 = 1 − Σ sᵢ·d(yᵢ, μᵢ) / Σ sᵢ·d(yᵢ, ȳ)}, the fraction of deviance explained, with {@code ȳ}
 *       the weighted mean of y (the constant model, which knows nothing of offsets): scikit-learn's
 *       {@code d2_tweedie_score(power=p)}; NaN when the denominator is 0 (every y the same);
 *   <li>{@code rmse = √(Σ sᵢ·(μᵢ − yᵢ)² / Σ sᵢ)} and {@code mae = Σ sᵢ·|μᵢ − yᵢ| / Σ sᵢ}, in the units of y.
 * </ul>
 *
 * @param power the power of the variance function: 1 Poisson, 2 Gamma, in between Tweedie
 */
public record DevianceMetrics(double power, double meanDeviance, double d2, double rmse, double mae)
        implements GoodnessOfFit {

    /**
     * The metrics of {@code weights} on {@code data}, whose targets {@code loss} accepts.
     *
     * <p>Targets and means near the largest double (1e308) overflow the weighted sums, though not the means
     * they are divided into: the sums are then taken again with the sample weights divided by their total, so
     * that no partial sum of these non-negative terms exceeds the largest of them, and the squared residuals in
     * units of the largest residual, whose square root is multiplied back.
     */
    public static DevianceMetrics of(Dataset data, Weights weights, LogLinkLoss loss) {
        int n = data.rows();
        double total = data.weightSum();
        double meanY = 0.0;
        for (int i = 0; i < n; i++) {
            meanY += data.sampleWeight(i) * data.target(i);
        }
        meanY /= total;
        if (!Double.isFinite(meanY)) {
            meanY = 0.0;
            for (int i = 0; i < n; i++) {
                meanY += data.sampleWeight(i) / total * data.target(i);
            }
        }
        double nullScore = Math.log(meanY);
        double[] sums = sums(data, weights, loss, nullScore, 1.0, 1.0);
        double deviance = sums[0] / total;
        double nullDeviance = sums[1] / total;
        double rmse = Math.sqrt(sums[2] / total);
        double mae = sums[3] / total;
        if (!(Double.isFinite(deviance)
                && Double.isFinite(nullDeviance)
                && Double.isFinite(rmse)
                && Double.isFinite(mae))) {
            double largest = sums[4] > 0 ? sums[4] : 1.0;
            double[] means = sums(data, weights, loss, nullScore, total, largest);
            deviance = means[0];
            nullDeviance = means[1];
            rmse = largest * Math.sqrt(means[2]);
            mae = means[3];
        }
        double d2 = nullDeviance > 0 ? 1.0 - deviance / nullDeviance : Double.NaN;
        return new DevianceMetrics(loss.power(), deviance, d2, rmse, mae);
    }

    /**
     * The sums of the deviance, the null model's deviance, the squared and the absolute residuals, each point
     * weighted by its sample weight divided by {@code weightUnit}, the residuals squared in units of {@code
     * residualUnit}; and the largest residual in magnitude.
     */
    private static double[] sums(
            Dataset data, Weights weights, LogLinkLoss loss, double nullScore, double weightUnit, double residualUnit) {
        double[] coefficients = weights.coefficients();
        double deviance = 0.0;
        double nullDeviance = 0.0;
        double squares = 0.0;
        double absolute = 0.0;
        double largest = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            double s = data.sampleWeight(i) / weightUnit;
            if (s == 0) {
                continue;
            }
            double score = data.linear(i, weights.intercept() + data.offset(i), coefficients, 0);
            double y = data.target(i);
            double residual = LogLinkLoss.mean(score) - y;
            double scaled = residual / residualUnit;
            deviance += s * 2.0 * loss.value(score, y);
            nullDeviance += s * 2.0 * loss.value(nullScore, y);
            squares += s * scaled * scaled;
            absolute += s * Math.abs(residual);
            largest = Math.max(largest, Math.abs(residual));
        }
        return new double[] {deviance, nullDeviance, squares, absolute, largest};
    }
}
