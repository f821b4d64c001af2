package dev.gradfit.plots;

import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Models fitted for real, as the service fits them, for the plots to draw. */
final class Models {

    /** The tutorial's line y = 2x + 4, with a little fixed noise: 21 points from x = 0 to 10. */
    static final double[] TUTORIAL_X = {
        0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0
    };

    static final double[] TUTORIAL_Y = {
        5.0, 6.1, 6.1, 6.1, 6.9, 8.8, 10.9, 12.2, 12.3, 12.2, 12.8, 14.6, 16.7, 18.2, 18.5, 18.4, 18.8, 20.4, 22.5,
        24.2, 24.7
    };

    private Models() {}

    static FittedModel fit(Dataset data, Hyperparameters hyperparameters, int samplePoints) {
        Fit fit = new Fitter(10_000).fit(data, hyperparameters, new FitOptions(false, Duration.ofMinutes(1)));
        return new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                Instant.EPOCH,
                fit.hyperparameters(),
                fit.result(),
                null,
                false,
                fit.diagnostics(),
                TrainingSample.of(data, samplePoints, hyperparameters.seed()));
    }

    /** The tutorial's fit: default settings, with the lines after 10, 20, 30, 100 and 1000 epochs. */
    static FittedModel tutorial() {
        return fit(
                Dataset.of(TUTORIAL_X.clone(), TUTORIAL_Y.clone()),
                Hyperparameters.builder()
                        .snapshotEpochs(java.util.List.of(10, 20, 30, 100, 1000))
                        .build(),
                2000);
    }
}
