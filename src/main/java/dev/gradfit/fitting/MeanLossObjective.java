package dev.gradfit.fitting;

/**
 * {@code J(w) = (1/n)·Σ ℓ(w·xᵢ + b, yᵢ)} computed directly, one pass over the rows per call.
 *
 * <p>For the squared loss this is the tutorial's loop: the gradient is
 * {@code ∂J/∂b0 = (2/n)·Σ(y' − y)} and {@code ∂J/∂bⱼ = (2/n)·Σ xⱼ·(y' − y)}.
 */
public final class MeanLossObjective implements Objective {

    private final Dataset data;
    private final Loss loss;

    public MeanLossObjective(Dataset data, Loss loss) {
        this.data = data;
        this.loss = loss;
    }

    @Override
    public int dimension() {
        return data.columns() + 1;
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        double[] x = data.features();
        double[] y = data.targets();
        int n = data.rows();
        int d = data.columns();
        java.util.Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0, base = 0; i < n; i++, base += d) {
            double prediction = weights[0];
            for (int j = 0; j < d; j++) {
                prediction += weights[j + 1] * x[base + j];
            }
            sum += loss.value(prediction, y[i]);
            double slope = loss.derivative(prediction, y[i]);
            gradient[0] += slope;
            for (int j = 0; j < d; j++) {
                gradient[j + 1] += slope * x[base + j];
            }
        }
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] /= n;
        }
        return sum / n;
    }

    @Override
    public double value(double[] weights) {
        double[] x = data.features();
        double[] y = data.targets();
        int n = data.rows();
        int d = data.columns();
        double sum = 0.0;
        for (int i = 0, base = 0; i < n; i++, base += d) {
            double prediction = weights[0];
            for (int j = 0; j < d; j++) {
                prediction += weights[j + 1] * x[base + j];
            }
            sum += loss.value(prediction, y[i]);
        }
        return sum / n;
    }

    @Override
    public String toString() {
        return "MeanLossObjective[" + loss + ", rows=" + data.rows() + ", columns=" + data.columns() + "]";
    }
}
