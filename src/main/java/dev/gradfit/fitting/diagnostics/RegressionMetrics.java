package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;

/**
 * Goodness of fit of a regression, each mean weighted by the sample weights {@code sᵢ}:
 *
 * <ul>
 *   <li>{@code mse = Σ sᵢ·rᵢ² / Σ sᵢ} with residuals {@code rᵢ = y'ᵢ − yᵢ}, the tutorial's cost without any
 *       penalty;
 *   <li>{@code rmse = √mse}, in the units of y;
 *   <li>{@code mae = Σ sᵢ·|rᵢ| / Σ sᵢ};
 *   <li>{@code r2 = 1 − Σ sᵢ·rᵢ² / Σ sᵢ·(yᵢ − ȳ)²}, the centred coefficient of determination, when the
 *       model has an intercept; without one, the uncentred {@code 1 − Σ sᵢ·rᵢ² / Σ sᵢ·yᵢ²} (a model
 *       through the origin is compared with the zero model, not with the mean: the convention of R's
 *       {@code lm} and of NIST's certified values for NoInt1 and NoInt2). NaN when the denominator is 0
 *       (constant y, or y all zero without an intercept), where R² means nothing.
 * </ul>
 */
public record RegressionMetrics(double mse, double rmse, double mae, double r2) implements GoodnessOfFit {

    /** The metrics of {@code weights} on {@code data}. */
    public static RegressionMetrics of(Dataset data, Weights weights, boolean fitIntercept) {
        int n = data.rows();
        double total = data.weightSum();
        double[] coefficients = weights.coefficients();
        double sumSquares = 0.0;
        double sumAbsolute = 0.0;
        double meanY = 0.0;
        for (int i = 0; i < n; i++) {
            double s = data.sampleWeight(i);
            double prediction = data.linear(i, weights.intercept(), coefficients, 0);
            double residual = prediction - data.target(i);
            sumSquares += s * residual * residual;
            sumAbsolute += s * Math.abs(residual);
            meanY += s * data.target(i);
        }
        meanY /= total;
        double centre = fitIntercept ? meanY : 0.0;
        double totalSquares = 0.0;
        for (int i = 0; i < n; i++) {
            double deviation = data.target(i) - centre;
            totalSquares += data.sampleWeight(i) * deviation * deviation;
        }
        double mse = sumSquares / total;
        double r2 = totalSquares > 0 ? 1.0 - sumSquares / totalSquares : Double.NaN;
        return new RegressionMetrics(mse, Math.sqrt(mse), sumAbsolute / total, r2);
    }
}
