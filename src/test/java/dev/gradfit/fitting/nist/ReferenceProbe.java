package dev.gradfit.fitting.nist;

import dev.gradfit.fitting.LeastSquaresReference;
import dev.gradfit.fitting.Standardizer;
import dev.gradfit.fitting.Weights;
import org.junit.jupiter.api.Test;

class ReferenceProbe {
    @Test
    void probe() {
        for (String key : NistDataset.keys()) {
            NistDataset set = NistDataset.load(key);
            Weights raw = LeastSquaresReference.solve(set.data(), set.hasIntercept(), 0.0, 0.0);
            Standardizer st = Standardizer.of(set.data(), set.hasIntercept());
            Weights std =
                    st.toOriginal(LeastSquaresReference.solve(st.transform(set.data()), set.hasIntercept(), 0.0, 0.0));
            System.out.printf(
                    "%-10s raw %5.2f  std %5.2f%n", set.name(), raw == null ? -1 : set.minLre(raw), set.minLre(std));
        }
    }
}
