package dev.gradfit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The points a model keeps for its plots: all of a small fit, a bounded, seeded sample of a large one. */
class TrainingSampleTest {

    @Test
    void keepsEveryPointOfASmallFitAsSent() {
        Dataset data = new Dataset(new double[] {1, 10, 2, 20, 3, 30}, 2, new double[] {6, 8, 10});

        TrainingSample sample = TrainingSample.of(data, 2000, 0);

        assertThat(sample.x()).containsExactly(1, 10, 2, 20, 3, 30);
        assertThat(sample.y()).containsExactly(6, 8, 10);
        assertThat(sample.columns()).isEqualTo(2);
        assertThat(sample.sourceRows()).isEqualTo(3);
    }

    @Test
    void keepsAtMostTheLimitOfDistinctRowsInTheirOrder() {
        Dataset data = line(100_000);

        TrainingSample sample = TrainingSample.of(data, 2000, 42);

        assertThat(sample.rows()).isEqualTo(2000);
        assertThat(sample.sourceRows()).isEqualTo(100_000);
        // x[i] = i, so increasing distinct x means distinct rows kept in order; y = 2x + 4 row by row.
        double[] x = sample.x();
        for (int i = 1; i < x.length; i++) {
            assertThat(x[i]).isGreaterThan(x[i - 1]);
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(sample.y()[i]).isEqualTo(2 * x[i] + 4);
        }
    }

    @Test
    void spreadsTheSampleOverTheWholeData() {
        TrainingSample sample = TrainingSample.of(line(100_000), 2000, 42);

        // A uniform sample puts about a tenth of its rows in each tenth of the data; 150 leaves a margin of
        // more than 10 standard deviations (sqrt(2000 · 0.1 · 0.9) ≈ 13.4) below 200.
        int[] perTenth = new int[10];
        for (double x : sample.x()) {
            perTenth[(int) (x / 10_000)]++;
        }
        for (int count : perTenth) {
            assertThat(count).isBetween(150, 250);
        }
    }

    @Test
    void theSameSeedKeepsTheSameRowsAndAnotherSeedOthers() {
        Dataset data = line(50_000);

        assertThat(TrainingSample.of(data, 500, 7)).isEqualTo(TrainingSample.of(data, 500, 7));
        assertThat(TrainingSample.of(data, 500, 8)).isNotEqualTo(TrainingSample.of(data, 500, 7));
    }

    @Test
    void keepsTheOffsetsOfTheKeptRows() {
        // x[i] = i and offset log(i + 1): the offset of a kept row tells which row it was.
        int n = 10_000;
        double[] x = new double[n];
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            offsets[i] = Math.log(i + 1);
        }
        Dataset data = new Dataset(x, 1, new double[n], null, offsets);

        TrainingSample sample = TrainingSample.of(data, 500, 3);

        assertThat(sample.hasOffsets()).isTrue();
        for (int k = 0; k < sample.rows(); k++) {
            assertThat(sample.offsets()[k]).isEqualTo(Math.log(sample.feature(k, 0) + 1));
        }
        assertThat(TrainingSample.of(Dataset.of(x, new double[n]), 500, 3).offsets())
                .isNull();
    }

    @Test
    void offsetsTakePartInEquality() {
        TrainingSample without = new TrainingSample(new double[] {1, 2}, 1, new double[] {3, 4}, 2);
        TrainingSample with = new TrainingSample(new double[] {1, 2}, 1, new double[] {3, 4}, 2, new double[] {0, 1});

        assertThat(with).isNotEqualTo(without);
        assertThat(with)
                .isEqualTo(new TrainingSample(new double[] {1, 2}, 1, new double[] {3, 4}, 2, new double[] {0, 1}));
        assertThat(with)
                .isNotEqualTo(new TrainingSample(new double[] {1, 2}, 1, new double[] {3, 4}, 2, new double[] {0, 2}));
    }

    @Test
    void refusesOffsetsOfAnotherLength() {
        assertThatThrownBy(() -> new TrainingSample(new double[] {1, 2}, 1, new double[] {3, 4}, 2, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rows has 1 offsets");
    }

    @Test
    void aLimitOfZeroKeepsNoSample() {
        assertThat(TrainingSample.of(line(10), 0, 0)).isNull();
    }

    @Test
    void theModelsSizeEstimateCountsItsSample() {
        FitResult result = new FitResult(new Weights(0, new double[] {1, 2}), 0, new double[10], 1, 9);
        TrainingSample sample = TrainingSample.of(new Dataset(new double[2 * 1000], 2, new double[1000]), 2000, 0);
        FittedModel without = new FittedModel(UUID.randomUUID(), Instant.EPOCH, Hyperparameters.defaults(), result);
        FittedModel with = new FittedModel(
                without.id(), Instant.EPOCH, Hyperparameters.defaults(), result, null, false, null, sample);

        // 1000 rows of two features and a target: 3000 doubles of 8 bytes.
        assertThat(with.estimatedBytes() - without.estimatedBytes()).isEqualTo(24_000);
    }

    @Test
    void theModelsSizeEstimateCountsTheOffsetsOfItsSample() {
        FitResult result = new FitResult(new Weights(0, new double[] {1, 2}), 0, new double[10], 1, 9);
        Dataset data = new Dataset(new double[2 * 1000], 2, new double[1000], null, new double[1000]);
        TrainingSample sample = TrainingSample.of(data, 2000, 0);
        FittedModel without = new FittedModel(UUID.randomUUID(), Instant.EPOCH, Hyperparameters.defaults(), result);
        FittedModel with = new FittedModel(
                without.id(), Instant.EPOCH, Hyperparameters.defaults(), result, null, false, null, sample);

        // 1000 rows of two features, a target and an offset: 4000 doubles of 8 bytes.
        assertThat(with.estimatedBytes() - without.estimatedBytes()).isEqualTo(32_000);
    }

    private static Dataset line(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2 * i + 4;
        }
        return Dataset.of(x, y);
    }

    @Test
    void keepsFewerRowsOfAWideDesignWithinTheBoundOnValues() {
        // 5000 sparse rows of 1000 one-hot columns: 2000 of them written out would be 2,000,000 values, 16 MB.
        int n = 5000;
        int[] rowStart = new int[n + 1];
        int[] columnIndex = new int[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = i + 1;
            columnIndex[i] = i % 1000;
            values[i] = 1.0;
        }
        Dataset data = new Dataset(new SparseRows(rowStart, columnIndex, values), 1000, new double[n], null, null);

        TrainingSample sample = TrainingSample.of(data, 2000, 42);

        // 200,000 values / 1000 columns = 200 rows, 1.6 MB.
        assertThat(sample.rows()).isEqualTo(200);
        assertThat(sample.x()).hasSize(200 * 1000);
        assertThat((long) sample.x().length).isLessThanOrEqualTo(TrainingSample.MAX_VALUES);
        for (int k = 0; k < sample.rows(); k++) {
            // Each kept row is a one-hot row as sent: a single 1 among its 1000 columns.
            double sum = 0;
            for (int j = 0; j < 1000; j++) {
                sum += sample.feature(k, j);
            }
            assertThat(sum).isEqualTo(1.0);
        }
        assertThat(sample).isEqualTo(TrainingSample.of(data, 2000, 42));
    }

    @Test
    void keepsAFewRowsHoweverWideAndNoMoreThanTheLimit() {
        assertThat(TrainingSample.rowLimit(2000, 100_000)).isEqualTo(TrainingSample.MIN_ROWS);
        assertThat(TrainingSample.rowLimit(5, 100_000)).isEqualTo(5);
        assertThat(TrainingSample.rowLimit(2000, 2)).isEqualTo(2000);
        assertThat(TrainingSample.rowLimit(2000, 968)).isEqualTo(206);
    }
}
