package dev.gradfit.api;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.Dataset;
import dev.gradfit.fitting.Deadline;
import dev.gradfit.fitting.FitResult;
import dev.gradfit.fitting.Hyperparameters;
import dev.gradfit.fitting.Trainer;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Checks what Bean Validation cannot (shapes that depend on each other, configured limits), runs the
 * fit, and stores the model only once the fit has succeeded.
 */
@Service
class FitService {

    private static final Logger log = LoggerFactory.getLogger(FitService.class);

    private final Trainer trainer;
    private final ModelStore store;
    private final FitProperties limits;
    private final Clock clock;
    private final FitMetrics metrics;

    /** Without a meter registry (slice tests), the meters go to Micrometer's global one, which drops them. */
    FitService(ModelStore store, FitProperties limits, Clock clock, ObjectProvider<MeterRegistry> meters) {
        this.trainer = new Trainer(limits.maxHistoryEntries());
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.metrics = new FitMetrics(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    FittedModel fit(FitRequest request) {
        List<FieldError> errors = new ArrayList<>();
        FeatureMatrix x = request.x();
        checkPoints("x", x, errors);
        if (request.y().length == 0) {
            errors.add(new FieldError("y", "must not be empty"));
        } else if (x.rows() > 0 && request.y().length != x.rows()) {
            errors.add(new FieldError("y", "has " + request.y().length + " values but x has " + x.rows() + " points"));
        }
        if (request.epochs() != null && request.epochs() > limits.maxEpochs()) {
            errors.add(new FieldError("epochs", "must be at most " + limits.maxEpochs()));
        }
        WeightsBody initial = request.initialWeights();
        if (initial != null && initial.coefficients().length != x.columns()) {
            errors.add(new FieldError(
                    "initialWeights.coefficients",
                    "has " + initial.coefficients().length + " values but x has " + x.columns() + " features"));
        }
        int epochs = request.epochs() == null ? Hyperparameters.DEFAULT_EPOCHS : request.epochs();
        if (errors.isEmpty()) {
            checkWork(x, epochs, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Hyperparameters hyperparameters = new Hyperparameters(
                request.learningRate() == null ? Hyperparameters.DEFAULT_LEARNING_RATE : request.learningRate(),
                epochs,
                initial == null ? null : initial.toWeights());
        Dataset data = new Dataset(x.values(), x.columns(), request.y());
        long start = System.nanoTime();
        FitResult result =
                metrics.record(() -> trainer.fit(data, hyperparameters, Deadline.after(limits.maxDuration())), epochs);
        FittedModel model = new FittedModel(UUID.randomUUID(), clock.instant(), hyperparameters, result);
        store.save(model);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (result.epochs() < epochs) {
            log.warn(
                    "Fit {} stopped by gradfit.fit.max-duration ({}) after {} of {} epochs, {} ms",
                    model.id(),
                    limits.maxDuration(),
                    result.epochs(),
                    epochs,
                    millis);
        } else {
            log.info(
                    "Fitted model {}: {} points x {} features, {} epochs, {} ms",
                    model.id(),
                    x.rows(),
                    x.columns(),
                    epochs,
                    millis);
        }
        return model;
    }

    double[] predict(UUID id, FeatureMatrix x) {
        FittedModel model = find(id);
        List<FieldError> errors = new ArrayList<>();
        checkPoints("x", x, errors);
        if (x.rows() > 0 && x.columns() != model.features()) {
            errors.add(new FieldError(
                    "x", "has " + x.columns() + " features per point but the model takes " + model.features()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        double[] predictions = model.result().weights().predictRows(x.values());
        metrics.predicted(x.rows());
        return predictions;
    }

    FittedModel find(UUID id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /** The work limit, counted as {@link FitProperties#work} counts it: what the epoch loop really does. */
    private void checkWork(FeatureMatrix x, int epochs, List<FieldError> errors) {
        long work = FitProperties.work(x.rows(), x.columns(), epochs);
        if (work > limits.maxWork()) {
            errors.add(new FieldError(
                    "epochs",
                    "make a fit of points x (features + 1) x (epochs + 1) = " + work
                            + ", more than the limit of " + limits.maxWork()
                            + "; ask for fewer epochs or send fewer points"));
        }
    }

    private void checkPoints(String field, FeatureMatrix x, List<FieldError> errors) {
        if (x.rows() == 0) {
            errors.add(new FieldError(field, "must not be empty"));
        } else if (x.rows() > limits.maxPoints()) {
            errors.add(
                    new FieldError(field, "has " + x.rows() + " points, more than the limit of " + limits.maxPoints()));
        }
        if (x.columns() > limits.maxFeatures()) {
            errors.add(new FieldError(
                    field, "has " + x.columns() + " features, more than the limit of " + limits.maxFeatures()));
        }
    }
}
