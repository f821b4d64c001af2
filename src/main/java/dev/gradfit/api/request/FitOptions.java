package dev.gradfit.api.request;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.service.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the settings of a {@link FitRequest} into {@link Hyperparameters}, filling in defaults and
 * checking what Bean Validation cannot: settings that apply only together with others.
 */
public final class FitOptions {

    private FitOptions() {}

    /**
     * @param start the initial weights, or {@code null} for zeros
     * @param maxEpochs the configured limit on epochs
     * @param errors where problems are added; the result is meaningless unless it stays empty
     */
    public static Hyperparameters toHyperparameters(
            FitRequest request, Weights start, int maxEpochs, List<FieldError> errors) {
        int epochs = request.epochs() == null ? Hyperparameters.DEFAULT_EPOCHS : request.epochs();
        if (epochs > maxEpochs) {
            errors.add(new FieldError("epochs", "must be at most " + maxEpochs));
        }
        boolean fitIntercept = !Boolean.FALSE.equals(request.fitIntercept());
        if (!fitIntercept && start != null && start.intercept() != 0.0) {
            errors.add(new FieldError("initialWeights.intercept", "must be 0 when fitIntercept is false"));
        }
        Hyperparameters.Builder builder = Hyperparameters.builder()
                .learningRate(
                        request.learningRate() == null ? Hyperparameters.DEFAULT_LEARNING_RATE : request.learningRate())
                .epochs(epochs)
                .initialWeights(start)
                .loss(
                        request.loss() == null
                                ? SquaredLoss.INSTANCE
                                : request.loss().toLoss(errors))
                .optimizer(optimizer(request, errors))
                .schedule(
                        request.schedule() == null
                                ? ConstantSchedule.INSTANCE
                                : request.schedule().toSchedule(errors))
                .regularization(new Regularization(or(request.l1(), 0.0), or(request.l2(), 0.0)))
                .fitIntercept(fitIntercept)
                .batching(batching(request, errors))
                .seed(request.seed() == null ? 0L : request.seed())
                .stoppingRules(stoppingRules(request, errors))
                .snapshotEpochs(snapshotEpochs(request.snapshotEpochs(), epochs, errors))
                .recordLearningRates(Boolean.TRUE.equals(request.returnLearningRates()));
        return errors.isEmpty() ? builder.build() : null;
    }

    private static Optimizer optimizer(FitRequest request, List<FieldError> errors) {
        Optimizer optimizer = request.optimizer() == null
                ? new GradientDescent()
                : request.optimizer().toOptimizer(errors);
        return request.clipNorm() == null ? optimizer : new GradientClipping(optimizer, request.clipNorm());
    }

    private static Batching batching(FitRequest request, List<FieldError> errors) {
        if (request.batchSize() == null) {
            if (request.shuffle() != null) {
                errors.add(new FieldError("shuffle", "applies only with batchSize"));
            }
            return Batching.FULL;
        }
        return new Batching(request.batchSize(), !Boolean.FALSE.equals(request.shuffle()));
    }

    private static List<StoppingRule> stoppingRules(FitRequest request, List<FieldError> errors) {
        boolean earlyStopping = Boolean.TRUE.equals(request.earlyStopping());
        int patience = request.patience() == null ? ConvergenceRule.DEFAULT_PATIENCE : request.patience();
        if (request.patience() != null && request.tolerance() == null && !earlyStopping) {
            errors.add(new FieldError("patience", "applies only with tolerance or earlyStopping"));
        }
        if (request.validationFraction() != null && !earlyStopping) {
            errors.add(new FieldError("validationFraction", "applies only when earlyStopping is true"));
        }
        List<StoppingRule> rules = new ArrayList<>();
        if (request.tolerance() != null) {
            rules.add(new ConvergenceRule(request.tolerance(), patience));
        }
        if (earlyStopping) {
            rules.add(new EarlyStoppingRule(
                    or(request.validationFraction(), EarlyStoppingRule.DEFAULT_VALIDATION_FRACTION),
                    or(request.tolerance(), 0.0),
                    patience));
        }
        if (request.maxDurationMs() != null) {
            rules.add(new TimeBudgetRule(Duration.ofMillis(request.maxDurationMs())));
        }
        return rules;
    }

    private static List<Integer> snapshotEpochs(int[] epochs, int maxEpoch, List<FieldError> errors) {
        if (epochs == null) {
            return List.of();
        }
        for (int k = 0; k < epochs.length; k++) {
            if (epochs[k] < 0 || epochs[k] > maxEpoch) {
                errors.add(
                        new FieldError("snapshotEpochs[" + k + "]", "must be between 0 and epochs (" + maxEpoch + ")"));
            }
        }
        return Arrays.stream(epochs).boxed().toList();
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
