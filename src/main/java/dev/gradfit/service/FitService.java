package dev.gradfit.service;

import dev.gradfit.api.request.FeatureMatrix;
import dev.gradfit.api.request.FitOptions;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.request.PredictionRequest;
import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.Diagnostician;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.CompensatedSquaredObjective;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.objective.Objectives;
import dev.gradfit.fitting.stopping.HoldOut;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import dev.gradfit.fitting.train.Trainer;
import dev.gradfit.fitting.train.WorkEstimate;
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
public class FitService {

    /** How the trainer computes the mean loss: the fastest exact way, its default. */
    private static final ObjectiveFactory OBJECTIVES = Objectives.FASTEST;

    /**
     * With standardization, the squared loss is computed in double-double: standardizing is asked for
     * accuracy on badly scaled data, and only the accurate objective keeps what standardization gains
     * (see {@link Standardizer#objective}). About five times the direct loop's cost per epoch, where the
     * sufficient statistics of {@link Objectives#FASTEST} cost O(d²) whatever the number of points.
     */
    private static final ObjectiveFactory STANDARDIZED_OBJECTIVES = CompensatedSquaredObjective.orElse(OBJECTIVES);

    private final Trainer trainer;
    private final ModelStore store;
    private final FitProperties limits;
    private final Clock clock;
    private final FitExecutor executor;
    private final FitMeters metrics;

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
        this.metrics = new FitMeters(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** A fresh fit from the request's initial weights (zeros by default). */
    public FittedModel fit(FitRequest request) {
        List<FieldError> errors = new ArrayList<>();
        FeatureMatrix x = checkData(request, errors);
        WeightsBody initial = request.initialWeights();
        if (initial != null && initial.coefficients().length != x.columns()) {
            errors.add(new FieldError(
                    "initialWeights.coefficients",
                    "has " + initial.coefficients().length + " values but x has " + x.columns() + " features"));
        }
        Weights start = initial == null ? null : initial.toWeights();
        return run(request, start, null, errors);
    }

    /** A fit that continues from the weights of the model {@code parentId}. */
    public FittedModel refit(UUID parentId, FitRequest request) {
        FittedModel parent = find(parentId);
        List<FieldError> errors = new ArrayList<>();
        FeatureMatrix x = checkData(request, errors);
        if (x.rows() > 0 && x.columns() != parent.features()) {
            errors.add(new FieldError(
                    "x", "has " + x.columns() + " features per point but the model takes " + parent.features()));
        }
        if (request.initialWeights() != null) {
            errors.add(new FieldError(
                    "initialWeights", "must be absent when continuing a model: its weights are the start"));
        }
        Weights weights = parent.result().weights();
        // Without an intercept the continued fit holds it at 0, as a fresh fit would.
        Weights start =
                Boolean.FALSE.equals(request.fitIntercept()) ? new Weights(0.0, weights.coefficients()) : weights;
        return run(request, start, parentId, errors);
    }

    private FittedModel run(FitRequest request, Weights start, UUID parentId, List<FieldError> errors) {
        Hyperparameters hyperparameters = FitOptions.toHyperparameters(request, start, limits.maxEpochs(), errors);
        if (hyperparameters != null) {
            checkTargets(request.y(), hyperparameters, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        FeatureMatrix x = request.x();
        checkWork(x, hyperparameters, Boolean.TRUE.equals(request.standardize()));
        Hyperparameters limited = withTimeLimit(hyperparameters);
        Dataset data = new Dataset(x.values(), x.columns(), request.y(), request.sampleWeights());
        // standardization wraps the fit; diagnostics follow it, on the same fit thread
        boolean standardize = Boolean.TRUE.equals(request.standardize());
        ObjectiveFactory objectives = standardize ? STANDARDIZED_OBJECTIVES : OBJECTIVES;
        FittedModel model;
        try {
            model = executor.call(() -> metrics.record(() -> {
                Standardizer standardizer = standardize ? Standardizer.of(data, limited.fitIntercept()) : null;
                FitResult result = standardizer == null
                        ? trainer.fit(data, limited)
                        : standardizer.fit(data, limited, limits.maxHistoryEntries(), objectives);
                FitDiagnostics diagnostics = Diagnostician.of(data, limited, result, standardizer, objectives);
                return new FittedModel(
                        UUID.randomUUID(), clock.instant(), limited, result, parentId, standardize, diagnostics);
            }));
        } catch (HoldOut.UnusableSplitException split) {
            throw new InvalidRequestException(List.of(new FieldError("validationFraction", split.getMessage())));
        }
        store.save(model);
        metrics.logFitted(model, x.rows(), limits.maxDuration());
        return model;
    }

    /**
     * Clamps the fit's time budget to the server's limit (gradfit.fit.max-duration): the request's
     * maxDurationMs when shorter, the server's otherwise; one budget, which the response echoes.
     */
    private Hyperparameters withTimeLimit(Hyperparameters hyperparameters) {
        List<StoppingRule> rules = new ArrayList<>();
        java.time.Duration budget = limits.maxDuration();
        for (StoppingRule rule : hyperparameters.stoppingRules()) {
            if (rule instanceof TimeBudgetRule asked) {
                budget = asked.budget().compareTo(budget) < 0 ? asked.budget() : budget;
            } else {
                rules.add(rule);
            }
        }
        rules.add(new TimeBudgetRule(budget));
        return hyperparameters.toBuilder().stoppingRules(rules).build();
    }

    /**
     * The work limit, counted as {@link WorkEstimate} counts it: what the fit really computes. A standardized
     * squared-loss fit runs the compensated objective, a pass over the rows per epoch.
     */
    private void checkWork(FeatureMatrix x, Hyperparameters hyperparameters, boolean standardize) {
        long work = standardize && hyperparameters.loss() instanceof SquaredLoss
                ? WorkEstimate.compensated(x.rows(), x.columns(), hyperparameters.epochs())
                : WorkEstimate.of(x.rows(), x.columns(), hyperparameters);
        if (work > limits.maxWork()) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "epochs",
                    "make a fit of about " + work + " multiply-adds, more than the limit of " + limits.maxWork()
                            + "; ask for fewer epochs or send fewer points or features")));
        }
    }

    public PredictionResponse predict(UUID id, PredictionRequest request) {
        FittedModel model = find(id);
        List<FieldError> errors = new ArrayList<>();
        FeatureMatrix x = request.x();
        checkPoints("x", x, errors);
        if (x.rows() > 0 && x.columns() != model.features()) {
            errors.add(new FieldError(
                    "x", "has " + x.columns() + " features per point but the model takes " + model.features()));
        }
        boolean logistic = model.hyperparameters().loss() instanceof LogisticLoss;
        if (request.threshold() != null && !logistic) {
            errors.add(new FieldError("threshold", "applies only to models fitted with the logistic loss"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        double[] scores = model.result().weights().predictRows(x.values());
        metrics.predicted(x.rows());
        if (!logistic) {
            return PredictionResponse.values(id, scores);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = LogisticLoss.probability(scores[i]);
        }
        return PredictionResponse.classes(id, scores, request.threshold() == null ? 0.5 : request.threshold());
    }

    public FittedModel find(UUID id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /** Checks x, y and the sample weights against each other and the limits; returns x. */
    private FeatureMatrix checkData(FitRequest request, List<FieldError> errors) {
        FeatureMatrix x = request.x();
        checkPoints("x", x, errors);
        int n = request.y().length;
        if (n == 0) {
            errors.add(new FieldError("y", "must not be empty"));
        } else if (x.rows() > 0 && n != x.rows()) {
            errors.add(new FieldError("y", "has " + n + " values but x has " + x.rows() + " points"));
        }
        double[] weights = request.sampleWeights();
        if (weights != null) {
            if (weights.length != n) {
                errors.add(new FieldError("sampleWeights", "has " + weights.length + " values but y has " + n));
            }
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] < 0) {
                    errors.add(new FieldError("sampleWeights[" + i + "]", "must not be negative"));
                    break;
                }
                sum += weights[i];
            }
            if (weights.length > 0 && !(sum > 0)) {
                errors.add(new FieldError("sampleWeights", "must not all be zero"));
            } else if (!Double.isFinite(sum)) {
                errors.add(new FieldError("sampleWeights", "must have a finite sum"));
            }
        }
        return x;
    }

    /** Refuses targets the loss is not defined for, naming the first and counting the rest. */
    private static void checkTargets(double[] y, Hyperparameters hyperparameters, List<FieldError> errors) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (!hyperparameters.loss().acceptsTarget(y[i])) {
                first = first < 0 ? i : first;
                count++;
            }
        }
        if (count > 0) {
            errors.add(new FieldError(
                    "y[" + first + "]",
                    "must be 0 or 1 for the logistic loss" + (count > 1 ? " (" + count + " values are not)" : "")));
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
