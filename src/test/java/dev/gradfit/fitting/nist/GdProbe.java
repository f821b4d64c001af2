package dev.gradfit.fitting.nist;

import dev.gradfit.fitting.*;
import org.junit.jupiter.api.Test;

class GdProbe {
    @Test
    void probe() {
        for (String key : NistDataset.keys()) {
            if (key.equals("filip")) continue;
            NistDataset set = NistDataset.load(key);
            Standardizer st = Standardizer.of(set.data(), set.hasIntercept());
            String mode = System.getProperty("mode", "dd");
            Objective obj = mode.equals("dd")
                    ? st.objective(new CompensatedSquaredObjective(set.data(), set.hasIntercept()))
                    : mode.equals("plain")
                            ? st.objective(new MeanLossObjective(set.data(), SquaredLoss.INSTANCE, set.hasIntercept()))
                            : new MeanLossObjective(st.transform(set.data()), SquaredLoss.INSTANCE, set.hasIntercept());
            int p = set.data().columns() + 1;
            // L: largest eigenvalue of the Hessian 2 Z'Z/n (power iteration via gradient differences)
            double[] w = new double[p];
            double[] g0 = new double[p];
            obj.valueAndGradient(w, g0);
            double[] v = new double[p];
            java.util.Arrays.fill(v, 1.0);
            double L = 0;
            double[] g = new double[p];
            for (int it = 0; it < 200; it++) {
                obj.valueAndGradient(v, g);
                for (int k = 0; k < p; k++) g[k] -= g0[k];
                if (!set.hasIntercept()) g[0] = 0;
                double norm = 0;
                for (double e : g) norm += e * e;
                norm = Math.sqrt(norm);
                L = norm / Math.sqrt(dot(v, v));
                for (int k = 0; k < p; k++) v[k] = g[k] / norm;
                if (!set.hasIntercept()) v[0] = 0;
            }
            double lr = 1.0 / L;
            double mu = 0.999;
            long t0 = System.nanoTime();
            double[] vel = new double[p];
            double[] look = new double[p];
            StringBuilder sb = new StringBuilder();
            int epochs = 0;
            for (int checkpoint : new int[] {10000, 100000, 200000, 400000}) {
                for (; epochs < checkpoint; epochs++) {
                    for (int k = 0; k < p; k++) look[k] = w[k] + mu * vel[k];
                    obj.valueAndGradient(look, g);
                    for (int k = 0; k < p; k++) {
                        vel[k] = mu * vel[k] - lr * g[k];
                        w[k] += vel[k];
                    }
                }
                Weights orig = st.toOriginal(new Weights(w[0], java.util.Arrays.copyOfRange(w, 1, p)));
                sb.append(String.format(" %d:%.2f", checkpoint, set.minLre(orig)));
            }
            System.out.printf("%-10s L=%.3g %s  %.1fs%n", set.name(), L, sb, (System.nanoTime() - t0) / 1e9);
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
