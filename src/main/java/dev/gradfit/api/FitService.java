package dev.gradfit.api;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.Dataset;
import dev.gradfit.fitting.FitResult;
import dev.gradfit.fitting.Hyperparameters;
import dev.gradfit.fitting.Trainer;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Checks what Bean Validation cannot (shapes that depend on each other, configured limits), runs the
 * fit, and stores the model only once the fit has succeeded.
 */
@Service
class FitService {

    private final Trainer trainer;
    private final ModelStore store;
    private final FitProperties limits;
    private final Clock clock;
    private final FitExecutor executor;

    FitService(ModelStore store, FitProperties limits, Clock clock, FitExecutor executor) {
        this.trainer = new Trainer(limits.maxHistoryEntries());
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.executor = executor;
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
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Hyperparameters hyperparameters = new Hyperparameters(
                request.learningRate() == null ? Hyperparameters.DEFAULT_LEARNING_RATE : request.learningRate(),
                request.epochs() == null ? Hyperparameters.DEFAULT_EPOCHS : request.epochs(),
                initial == null ? null : initial.toWeights());
        Dataset data = new Dataset(x.values(), x.columns(), request.y());
        FitResult result = executor.call(() -> trainer.fit(data, hyperparameters));
        FittedModel model = new FittedModel(UUID.randomUUID(), clock.instant(), hyperparameters, result);
        store.save(model);
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
        return model.result().weights().predictRows(x.values());
    }

    FittedModel find(UUID id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
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
