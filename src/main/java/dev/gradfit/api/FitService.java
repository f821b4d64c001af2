package dev.gradfit.api;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.Dataset;
import dev.gradfit.fitting.FitCost;
import dev.gradfit.fitting.FitResult;
import dev.gradfit.fitting.Hyperparameters;
import dev.gradfit.fitting.StoppingRule;
import dev.gradfit.fitting.TimeBudgetRule;
import dev.gradfit.fitting.Trainer;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Checks what Bean Validation cannot (shapes that depend on each other, configured limits), runs the
 * fit on the fit executor under the server's time limit, and stores the model only once the fit has
 * succeeded.
 */
@Service
class FitService {

    private final Trainer trainer;
    private final ModelStore store;
    private final FitProperties limits;
    private final Clock clock;
    private final FitExecutor executor;
    private final FitMetrics metrics;

    /** Without a meter registry (slice tests), the meters go to Micrometer's global one, which drops them. */
    FitService(
            ModelStore store,
            FitProperties limits,
            Clock clock,
            FitExecutor executor,
            ObjectProvider<MeterRegistry> meters) {
        this.trainer = new Trainer(limits.maxHistoryEntries());
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.executor = executor;
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
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Hyperparameters asked = new Hyperparameters(
                request.learningRate() == null ? Hyperparameters.DEFAULT_LEARNING_RATE : request.learningRate(),
                request.epochs() == null ? Hyperparameters.DEFAULT_EPOCHS : request.epochs(),
                initial == null ? null : initial.toWeights());
        checkWork(x, asked);
        Hyperparameters hyperparameters = withTimeLimit(asked);
        Dataset data = new Dataset(x.values(), x.columns(), request.y());
        FitResult result = executor.call(() -> metrics.record(() -> trainer.fit(data, hyperparameters)));
        FittedModel model = new FittedModel(UUID.randomUUID(), clock.instant(), hyperparameters, result);
        store.save(model);
        metrics.logFitted(model, x.rows(), limits.maxDuration());
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

    /**
     * Adds the server's time limit (gradfit.fit.max-duration) to the fit's stopping rules: whichever time
     * budget runs out first, the request's own or the server's, stops the fit with TIME_BUDGET.
     */
    private Hyperparameters withTimeLimit(Hyperparameters hyperparameters) {
        List<StoppingRule> rules = new ArrayList<>(hyperparameters.stoppingRules());
        rules.add(new TimeBudgetRule(limits.maxDuration()));
        return hyperparameters.toBuilder().stoppingRules(rules).build();
    }

    /** The work limit, counted as {@link FitCost} counts it: what the fit really computes. */
    private void checkWork(FeatureMatrix x, Hyperparameters hyperparameters) {
        long work = FitCost.of(x.rows(), x.columns(), hyperparameters);
        if (work > limits.maxWork()) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "epochs",
                    "make a fit of about " + work + " multiply-adds, more than the limit of " + limits.maxWork()
                            + "; ask for fewer epochs or send fewer points or features")));
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
