package dev.gradfit.service;

import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.FitCanceledException;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.model.FittedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The meters and log lines of fits and predictions. In Prometheus: {@code gradfit_fits_seconds} (count and duration,
 * tagged {@code outcome} = fitted, time_limited, diverged, canceled or failed), {@code gradfit_fits_active_seconds} (fits
 * running now), {@code gradfit_fit_epochs} (epochs run per fit), {@code gradfit_fits_diverged_total},
 * {@code gradfit_predictions_total} and {@code gradfit_prediction_points}.
 */
@Component
public final class FitMeters {

    private static final Logger log = LoggerFactory.getLogger(FitService.class);

    private final MeterRegistry registry;
    private final LongTaskTimer active;
    private final DistributionSummary epochs;
    private final Counter diverged;
    private final Counter predictions;
    private final DistributionSummary predictionPoints;

    /** Without a meter registry (slice tests), the meters go to Micrometer's global one, which drops them. */
    FitMeters(ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable(() -> Metrics.globalRegistry);
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

    /** Runs and times {@code fit}; a result stopped by a time budget counts as time_limited. */
    FittedModel record(Supplier<FittedModel> fit) {
        Timer.Sample sample = Timer.start(registry);
        LongTaskTimer.Sample running = active.start();
        String outcome = "failed";
        try {
            FittedModel model = fit.get();
            FitResult result = model.result();
            outcome = result.stopReason() == StopReason.TIME_BUDGET ? "time_limited" : "fitted";
            epochs.record(result.epochs());
            return model;
        } catch (FitDivergedException e) {
            outcome = "diverged";
            diverged.increment();
            throw e;
        } catch (FitCanceledException e) {
            outcome = "canceled";
            throw e;
        } finally {
            running.stop();
            sample.stop(Timer.builder("gradfit.fits")
                    .description("Fits run, by outcome")
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }

    /** One line per fit, on the request's thread so that it carries the request id. */
    void logFitted(FittedModel model, int points, Duration serverLimit) {
        FitResult result = model.result();
        if (result.stopReason() == StopReason.TIME_BUDGET) {
            log.warn(
                    "Fit {} stopped by its time budget (the server allows {}) after {} of {} epochs",
                    model.id(),
                    serverLimit,
                    result.epochs(),
                    model.hyperparameters().epochs());
        } else {
            log.info(
                    "Fitted model {}: {} points x {} features, {} epochs, stopped by {}",
                    model.id(),
                    points,
                    model.features(),
                    result.epochs(),
                    result.stopReason());
        }
    }

    void predicted(int points) {
        predictions.increment();
        predictionPoints.record(points);
    }
}
