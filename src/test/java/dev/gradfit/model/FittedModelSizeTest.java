package dev.gradfit.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The size a model is counted at in the store's byte bound covers what it really keeps: a softmax model of many
 * classes keeps a row of weights per class, and its diagnostics a row of reference weights per class and a
 * K × K confusion matrix, which for a thousand classes of one feature outweighs everything else a thousandfold.
 */
class FittedModelSizeTest {

    private static final int CLASSES = 1000;

    @Test
    void countsEveryClassRowAndTheConfusionMatrixOfASoftmaxModel() {
        Weights rows = Weights.zeros(1, CLASSES);
        FitResult result = new FitResult(rows, 1, new double[10], 1, 9);
        Hyperparameters softmax =
                Hyperparameters.builder().loss(new SoftmaxLoss(CLASSES)).build();
        FittedModel bare = new FittedModel(UUID.randomUUID(), Instant.EPOCH, softmax, result, null);
        FitDiagnostics diagnostics = new FitDiagnostics(
                new MulticlassMetrics(1, 0.5, 0.5, new double[CLASSES][CLASSES]),
                new ExactSolution(ExactSolution.Method.NEWTON_IRLS, rows, 1, null),
                0);
        FittedModel diagnosed = new FittedModel(bare.id(), Instant.EPOCH, softmax, result, null, false, diagnostics);

        // Weights and initial weights: 1000 rows of an intercept and one coefficient each, 8 bytes a value.
        assertThat(bare.estimatedBytes()).isGreaterThanOrEqualTo(2L * CLASSES * 2 * 8);
        // The reference's 1000 rows of two values, and 1000 × 1000 cells of confusion: at least 8 MB more.
        assertThat(diagnosed.estimatedBytes() - bare.estimatedBytes())
                .isGreaterThanOrEqualTo(8L * (CLASSES * 2 + CLASSES * CLASSES));
    }
}
