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

    /** The metrics of {@code weights} on {@code data}, whose targets {@code loss} accepts. */
    public static DevianceMetrics of(Dataset data, Weights weights, LogLinkLoss loss) {
        int n = data.rows();
        double total = data.weightSum();
        double meanY = 0.0;
        for (int i = 0; i < n; i++) {
            meanY += data.sampleWeight(i) * data.target(i);
        }
        meanY /= total;
        double nullScore = Math.log(meanY);
        double[] coefficients = weights.coefficients();
        double deviance = 0.0;
        double nullDeviance = 0.0;
        double squares = 0.0;
        double absolute = 0.0;
        for (int i = 0; i < n; i++) {
            double s = data.sampleWeight(i);
            if (s == 0) {
                continue;
            }
            double score = weights.intercept() + data.offset(i);
            for (int j = 0; j < coefficients.length; j++) {
                score += coefficients[j] * data.feature(i, j);
            }
            double y = data.target(i);
            double residual = LogLinkLoss.mean(score) - y;
            deviance += s * 2.0 * loss.value(score, y);
            nullDeviance += s * 2.0 * loss.value(nullScore, y);
            squares += s * residual * residual;
            absolute += s * Math.abs(residual);
        }
        double d2 = nullDeviance > 0 ? 1.0 - deviance / nullDeviance : Double.NaN;
        return new DevianceMetrics(loss.power(), deviance / total, d2, Math.sqrt(squares / total), absolute / total);
    }
}
