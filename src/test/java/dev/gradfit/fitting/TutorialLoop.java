package dev.gradfit.fitting;

/**
 * The tutorial's batch gradient descent written out literally, as an oracle independent of the code
 * under test: {@code D_b = (−2/n)·Σ x·(y − y')}, {@code D_b0 = (−2/n)·Σ (y − y')}, then
 * {@code b −= L·D_b; b0 −= L·D_b0}, repeated for each epoch, starting from zero.
 */
public final class TutorialLoop {

    private TutorialLoop() {}

    /** One feature: returns {@code {b0, b}} after {@code epochs} epochs. */
    public static double[] fit(double[] x, double[] y, double learningRate, int epochs) {
        double b = 0;
        double b0 = 0;
        int n = x.length;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double dB = 0;
            double dB0 = 0;
            for (int i = 0; i < n; i++) {
                double yPred = b0 + b * x[i];
                dB += x[i] * (y[i] - yPred);
                dB0 += y[i] - yPred;
            }
            dB = (-2.0 / n) * dB;
            dB0 = (-2.0 / n) * dB0;
            b = b - learningRate * dB;
            b0 = b0 - learningRate * dB0;
        }
        return new double[] {b0, b};
    }

    /** Several features, rows as arrays: returns {@code {b0, b1, ..., bd}}. */
    public static double[] fit(double[][] x, double[] y, double learningRate, int epochs) {
        int n = x.length;
        int d = x[0].length;
        double[] b = new double[d];
        double b0 = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] dB = new double[d];
            double dB0 = 0;
            for (int i = 0; i < n; i++) {
                double yPred = b0;
                for (int j = 0; j < d; j++) {
                    yPred += b[j] * x[i][j];
                }
                for (int j = 0; j < d; j++) {
                    dB[j] += x[i][j] * (y[i] - yPred);
                }
                dB0 += y[i] - yPred;
            }
            for (int j = 0; j < d; j++) {
                b[j] = b[j] - learningRate * (-2.0 / n) * dB[j];
            }
            b0 = b0 - learningRate * (-2.0 / n) * dB0;
        }
        double[] out = new double[d + 1];
        out[0] = b0;
        System.arraycopy(b, 0, out, 1, d);
        return out;
    }

    /** The tutorial's cost {@code (1/n)·Σ(y' − y)²} at weights {@code {b0, b}}. */
    public static double cost(double[] x, double[] y, double[] weights) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = weights[0] + weights[1] * x[i] - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }
}
