package dev.gradfit.api;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.CompensatedSquaredObjective;
import dev.gradfit.fitting.Dataset;
import dev.gradfit.fitting.Diagnostics;
import dev.gradfit.fitting.FitDiagnostics;
import dev.gradfit.fitting.FitResult;
import dev.gradfit.fitting.Hyperparameters;
import dev.gradfit.fitting.ObjectiveFactory;
import dev.gradfit.fitting.Standardizer;
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

    /** How the trainer computes the mean loss: the direct loop. */
    private static final ObjectiveFactory OBJECTIVES = ObjectiveFactory.DIRECT;

    /**
     * With standardization, the squared loss is computed in double-double: standardizing is asked for
     * accuracy on badly scaled data, and only the accurate objective keeps what standardization gains
     * (see {@link Standardizer#objective}). About five times the direct loop's cost per epoch.
     */
    private static final ObjectiveFactory STANDARDIZED_OBJECTIVES = CompensatedSquaredObjective.orElse(OBJECTIVES);

    private final Trainer trainer;
    private final ModelStore store;
    private final FitProperties limits;
    private final Clock clock;

    FitService(ModelStore store, FitProperties limits, Clock clock) {
        this.trainer = new Trainer(limits.maxHistoryEntries());
        this.store = store;
        this.limits = limits;
        this.clock = clock;
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
        // standardization wraps the fit; diagnostics follow it
        boolean standardize = Boolean.TRUE.equals(request.standardize());
        Standardizer standardizer = standardize ? Standardizer.of(data, hyperparameters.fitIntercept()) : null;
        FitResult result = standardizer == null
                ? trainer.fit(data, hyperparameters)
                : standardizer.fit(data, hyperparameters, limits.maxHistoryEntries(), STANDARDIZED_OBJECTIVES);
        FitDiagnostics diagnostics = Diagnostics.of(
                data, hyperparameters, result, standardizer, standardize ? STANDARDIZED_OBJECTIVES : OBJECTIVES);
        FittedModel model =
                new FittedModel(UUID.randomUUID(), clock.instant(), hyperparameters, result, standardize, diagnostics);
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
