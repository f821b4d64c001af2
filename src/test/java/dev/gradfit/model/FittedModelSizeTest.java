package dev.gradfit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gradfit.design.Coding;
import dev.gradfit.design.Design;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * A row of 100,000 text columns of one level each makes a design of one column (one-level columns code to
     * nothing), and its estimate must visit each input once: a lookup of every input's levels by a scan over the
     * inputs took 5·10⁹ steps.
     */
    @Test
    void estimatesADesignOfAHundredThousandInputsInLinearTime() {
        int inputs = 100_000;
        List<Column> columns = new ArrayList<>();
        columns.add(new NumericColumn("x", new double[] {1, 2}));
        for (int j = 0; j < inputs; j++) {
            columns.add(TextColumn.of("t" + j, "a", "a"));
        }
        Table table = new Table(columns);
        Design design = Design.learn(table, DesignSpec.ofColumns(table, Set.of(), 1, List.of(), true));
        FitResult result = new FitResult(Weights.zeros(1), 1, new double[1], 1, 1);
        FittedModel model = new FittedModel(
                UUID.randomUUID(),
                Instant.EPOCH,
                Hyperparameters.builder().build(),
                result,
                null,
                false,
                null,
                design.columnNames(),
                "y",
                null,
                null,
                new ModelDesign(design, null, Coding.TREATMENT, 0));

        long bytes = assertTimeoutPreemptively(Duration.ofSeconds(2), model::estimatedBytes);

        // Each input's name ("t0" … "t99999", at least 2 characters) and its one level "a", as Strings.
        assertThat(design.columns()).isEqualTo(1);
        assertThat(bytes).isGreaterThan((long) inputs * (2 * 2 + 2));
    }
}
