package dev.gradfit.fitting.nist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.LeastSquaresReference;
import dev.gradfit.fitting.objective.CompensatedSquaredObjective;
import dev.gradfit.fitting.objective.Curvature;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gradfit against NIST's Statistical ExactSolution Datasets for linear least squares: certified coefficients
 * that software must reproduce, scored as log relative errors (about the number of correct significant
 * digits; see {@link NistDataset#lre}).
 *
 * <p>Gradient descent runs as the service runs it with {@code standardize: true}: through the
 * {@link Standardizer} (a change of variables on the original data) with the double-double squared-loss
 * objective, and Nesterov's method. One setting for every dataset: momentum 0.999, a learning rate of
 * half the largest stable one ({@code 1/λmax} of the standardized Hessian, from {@link Curvature}), and
 * {@value #EPOCHS} epochs. With condition numbers up to about 3e6 after standardization (Wampler),
 * Nesterov's error falls by about {@code 1 − 1/√κ} per epoch, so some 1e5 epochs are needed; plain
 * gradient descent would need some 1e8.
 *
 * <p>Filip (condition number about 1e16 even standardized) is out of reach of descent in any reasonable
 * number of epochs; its floor applies to the direct reference solver (Householder QR on the standardized
 * features), which is what the service reports as {@code reference}.
 *
 * <p>Run {@code ./mvnw -q test -Dtest=NistStrdTest} to print the table in {@code docs/nist.md}.
 */
class NistStrdTest {

    private static final int EPOCHS = 200_000;
    private static final double MOMENTUM = 0.999;

    private static final Map<String, String> TABLE = new TreeMap<>();

    /**
     * Floors on the smallest LRE over intercept and coefficients. Descent floors: the targets set for
     * gradfit (10 for the easy and average sets, 9 for Longley, 8 for Wampler); measured values are
     * 10.1 to 15 (docs/nist.md), so each floor has at least a digit to spare except Wampler, where the
     * measured 10.1 is limited by the standardized intercept's last bit. ExactSolution floors: measured minus
     * about one digit; on Wampler5, whose noise dwarfs the signal (R² = 0.0022), Householder QR in double
     * keeps about 6 digits (its backward error is of the order of the data's noise times 1e-16 times
     * √(n·p)), which is why descent on the accurate objective beats it there.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "norris,   10, 11",
        "pontius,  10, 11",
        "noint1,   10, 13",
        "noint2,   10, 14",
        "longley,   9, 12",
        "filip,     0,  7",
        "wampler1,  8,  8",
        "wampler2,  8, 11",
        "wampler3,  8,  8",
        "wampler4,  8,  7",
        "wampler5,  8,  5.5"
    })
    void reachesTheCertifiedCoefficients(String key, double descentFloor, double referenceFloor) {
        NistDataset set = NistDataset.load(key);
        Standardizer standardizer = Standardizer.of(set.data(), set.hasIntercept());

        double learningRate =
                Curvature.maxStableLearningRate(standardizer.transform(set.data()), set.hasIntercept(), 0.0) / 2;
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(learningRate)
                .epochs(EPOCHS)
                .optimizer(new Nesterov(MOMENTUM))
                .fitIntercept(set.hasIntercept())
                .build();
        FitResult fit = standardizer.fit(
                set.data(), hyperparameters, 2, CompensatedSquaredObjective.orElse(ObjectiveFactory.DIRECT));
        double descentLre = set.minLre(fit.weights());

        Weights reference = standardizer.toOriginal(
                LeastSquaresReference.solve(standardizer.transform(set.data()), set.hasIntercept(), 0.0, 0.0));
        double referenceLre = set.minLre(reference);

        TABLE.put(
                String.format("%02d", NistDataset.keys().indexOf(key)),
                String.format(
                        "| %-8s | %5.1f | %5.1f | %s |",
                        set.name(),
                        descentLre,
                        referenceLre,
                        descentFloor > 0 ? "≥ " + (int) descentFloor + " descent" : "≥ 7 reference"));

        assertThat(descentLre).as("%s by gradient descent", set.name()).isGreaterThanOrEqualTo(descentFloor);
        assertThat(referenceLre).as("%s by the reference solver", set.name()).isGreaterThanOrEqualTo(referenceFloor);
    }

    @Test
    void scoresAgreementAsLogRelativeError() {
        // LRE by hand: 1.0001 against 1 agrees to 4 digits; equal values are capped at NIST's 15 digits.
        assertThat(NistDataset.lre(1.0001, 1.0)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NistDataset.lre(2.0, 2.0)).isEqualTo(NistDataset.MAX_LRE);
        assertThat(NistDataset.lre(5.0, 1.0)).isZero();
    }

    @AfterAll
    static void printTable() {
        StringBuilder out = new StringBuilder("\n| dataset  | descent LRE | reference LRE | floor |\n");
        out.append("|---|---:|---:|---|\n");
        TABLE.values().forEach(row -> out.append(row).append('\n'));
        System.out.println(out);
    }
}
