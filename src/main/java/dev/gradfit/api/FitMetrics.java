package dev.gradfit.api;

import dev.gradfit.fitting.FitDivergedException;
import dev.gradfit.fitting.FitResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * The meters of fits and predictions. In Prometheus: {@code gradfit_fits_seconds} (count and duration,
 * tagged {@code outcome} = fitted, time_limited, diverged or failed), {@code gradfit_fits_active_seconds} (fits
 * running now), {@code gradfit_fit_epochs} (epochs run per fit), {@code gradfit_fits_diverged_total},
 * {@code gradfit_predictions_total} and {@code gradfit_prediction_points}.
 */
final class FitMetrics {

    private final MeterRegistry registry;
    private final LongTaskTimer active;
    private final DistributionSummary epochs;
    private final Counter diverged;
    private final Counter predictions;
    private final DistributionSummary predictionPoints;

    FitMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.active = LongTaskTimer.builder("gradfit.fits.active")
                .description("Fits running now")
                .register(registry);
        this.epochs = DistributionSummary.builder("gradfit.fit.epochs")
                .description("Epochs run per successful fit")
                .register(registry);
        this.diverged = Counter.builder("gradfit.fits.diverged")
                .description("Fits whose cost stopped being finite")
                .register(registry);
        this.predictions = Counter.builder("gradfit.predictions")
                .description("Prediction requests answered")
                .register(registry);
        this.predictionPoints = DistributionSummary.builder("gradfit.prediction.points")
                .description("Points per prediction request")
                .register(registry);
    }

    /**
     * Runs and times {@code fit}, which was asked for {@code epochsAsked} epochs: a result with fewer
     * epochs was stopped by the time limit.
     */
    FitResult record(Supplier<FitResult> fit, int epochsAsked) {
        Timer.Sample sample = Timer.start(registry);
        LongTaskTimer.Sample running = active.start();
        String outcome = "failed";
        try {
            FitResult result = fit.get();
            outcome = result.epochs() < epochsAsked ? "time_limited" : "fitted";
            epochs.record(result.epochs());
            return result;
        } catch (FitDivergedException e) {
            outcome = "diverged";
            diverged.increment();
            throw e;
        } finally {
            running.stop();
            sample.stop(Timer.builder("gradfit.fits")
                    .description("Fits run, by outcome")
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }

    void predicted(int points) {
        predictions.increment();
        predictionPoints.record(points);
    }
}
