package dev.gradfit.service.hyperparameters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.service.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HyperparameterSpecsTest {

    private static final FitProperties LIMITS = new FitProperties(
            10_000, 1_000_000, 10_000_000, 1000, 10_000_000_000L, Duration.ofSeconds(60), 200, 100, 1000);

    private static final HyperparameterSpecs SPECS = new HyperparameterSpecs(LIMITS);

    private static final double[] Y = {1, 2, 3};

    private static HyperparameterSpec only(LossSpec loss, OptimizerSpec optimizer, ScheduleSpec schedule) {
        return new HyperparameterSpec(
                null, null, null, loss, optimizer, schedule, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static HyperparameterSpec roundTrip(HyperparameterSpec spec, List<FieldError> errors) {
        Hyperparameters hyperparameters = SPECS.toHyperparameters(spec, 2, Y, errors);
        assertThat(errors).isEmpty();
        return HyperparameterSpecs.effective(hyperparameters, 2);
    }

    @Test
    void anEmptySpecRunsTheTutorialsGradientDescent() {
        HyperparameterSpec effective = roundTrip(only(null, null, null), new ArrayList<>());

        // The tutorial's batch gradient descent: learning rate 0.001, 1000 epochs, from zeros, on the squared loss.
        assertThat(effective.learningRate()).isEqualTo(0.001);
        assertThat(effective.epochs()).isEqualTo(1000);
        assertThat(effective.initialWeights().intercept()).isZero();
        assertThat(effective.initialWeights().coefficients()).containsExactly(0.0, 0.0);
        assertThat(effective.loss()).isEqualTo(new LossSpec(LossSpec.Type.SQUARED, null));
        assertThat(effective.optimizer())
                .isEqualTo(new OptimizerSpec(OptimizerSpec.Type.GD, null, null, null, null, null));
        assertThat(effective.schedule())
                .isEqualTo(new ScheduleSpec(ScheduleSpec.Type.CONSTANT, null, null, null, null, null, null));
        assertThat(effective.l1()).isZero();
        assertThat(effective.l2()).isZero();
        assertThat(effective.fitIntercept()).isTrue();
        assertThat(effective.batchSize()).isNull();
        assertThat(effective.shuffle()).isNull();
        assertThat(effective.clipNorm()).isNull();
        assertThat(effective.tolerance()).isNull();
        assertThat(effective.patience()).isNull();
        assertThat(effective.earlyStopping()).isFalse();
        assertThat(effective.maxDurationMs()).isNull();
        assertThat(effective.snapshotEpochs()).isEmpty();
        assertThat(effective.returnLearningRates()).isFalse();
    }

    @Test
    void fillsInThePublishedDefaultsOfEachType() {
        HyperparameterSpec effective = roundTrip(
                only(
                        new LossSpec(LossSpec.Type.HUBER, null),
                        new OptimizerSpec(OptimizerSpec.Type.ADAM, null, null, null, null, null),
                        new ScheduleSpec(ScheduleSpec.Type.STEP, null, null, null, null, null, null)),
                new ArrayList<>());

        // Adam's defaults are Kingma & Ba's (2015, Algorithm 1); Huber's delta and the step schedule's are the
        // ones the OpenAPI document publishes.
        assertThat(effective.optimizer())
                .isEqualTo(new OptimizerSpec(OptimizerSpec.Type.ADAM, null, null, 0.9, 0.999, 1e-8));
        assertThat(effective.loss()).isEqualTo(new LossSpec(LossSpec.Type.HUBER, 1.0));
        assertThat(effective.schedule())
                .isEqualTo(new ScheduleSpec(ScheduleSpec.Type.STEP, null, 0.1, 100, null, null, null));
    }

    @Test
    void givesBackTheSettingsOfEveryTypeAsItWasGivenThem() {
        List<LossSpec> losses = List.of(
                new LossSpec(LossSpec.Type.SQUARED, null),
                new LossSpec(LossSpec.Type.HUBER, 2.5),
                new LossSpec(LossSpec.Type.ABSOLUTE, null));
        List<OptimizerSpec> optimizers = List.of(
                new OptimizerSpec(OptimizerSpec.Type.GD, null, null, null, null, null),
                new OptimizerSpec(OptimizerSpec.Type.MOMENTUM, 0.5, null, null, null, null),
                new OptimizerSpec(OptimizerSpec.Type.NESTEROV, 0.75, null, null, null, null),
                new OptimizerSpec(OptimizerSpec.Type.ADAGRAD, null, null, null, null, 1e-6),
                new OptimizerSpec(OptimizerSpec.Type.RMSPROP, null, 0.8, null, null, 1e-7),
                new OptimizerSpec(OptimizerSpec.Type.ADAM, null, null, 0.85, 0.99, 1e-5),
                new OptimizerSpec(OptimizerSpec.Type.LBFGS, null, null, null, null, null, 7));
        List<ScheduleSpec> schedules = List.of(
                new ScheduleSpec(ScheduleSpec.Type.CONSTANT, null, null, null, null, null, null),
                new ScheduleSpec(ScheduleSpec.Type.INVERSE_SCALING, 0.5, null, null, null, null, null),
                new ScheduleSpec(ScheduleSpec.Type.STEP, null, 0.5, 7, null, null, null),
                new ScheduleSpec(ScheduleSpec.Type.EXPONENTIAL, null, 0.95, null, null, null, null),
                new ScheduleSpec(ScheduleSpec.Type.PLATEAU, null, 0.2, null, 3, 1e-3, 1e-6));
        assertThat(losses)
                .extracting(LossSpec::type)
                .containsExactlyInAnyOrder(LossSpec.Type.SQUARED, LossSpec.Type.HUBER, LossSpec.Type.ABSOLUTE);
        assertThat(optimizers).extracting(OptimizerSpec::type).containsExactly(OptimizerSpec.Type.values());
        assertThat(schedules).extracting(ScheduleSpec::type).containsExactly(ScheduleSpec.Type.values());
        for (int i = 0; i < optimizers.size(); i++) {
            // lbfgs takes no schedule but the constant one.
            boolean lbfgs = optimizers.get(i).type() == OptimizerSpec.Type.LBFGS;
            HyperparameterSpec asked = only(
                    losses.get(i % losses.size()), optimizers.get(i), schedules.get(lbfgs ? 0 : i % schedules.size()));
            HyperparameterSpec effective = roundTrip(asked, new ArrayList<>());
            assertThat(effective.loss()).isEqualTo(asked.loss());
            assertThat(effective.optimizer()).isEqualTo(asked.optimizer());
            assertThat(effective.schedule()).isEqualTo(asked.schedule());
        }
        HyperparameterSpec logistic = new HyperparameterSpec(
                null,
                null,
                null,
                new LossSpec(LossSpec.Type.LOGISTIC, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(HyperparameterSpecs.effective(
                                SPECS.toHyperparameters(logistic, 1, new double[] {0, 1}, new ArrayList<>()), 1)
                        .loss())
                .isEqualTo(new LossSpec(LossSpec.Type.LOGISTIC, null));
    }

    @Test
    void saysBackClippingAndStoppingApartFromTheOptimizer() {
        HyperparameterSpec asked = new HyperparameterSpec(
                0.01,
                50,
                new Weights(1.0, new double[] {2.0, 3.0}),
                null,
                new OptimizerSpec(OptimizerSpec.Type.MOMENTUM, 0.5, null, null, null, null),
                null,
                null,
                0.25,
                null,
                2,
                false,
                7L,
                5.0,
                null,
                4,
                true,
                0.3,
                1500L,
                List.of(0, 10, 50),
                true);

        HyperparameterSpec effective = roundTrip(asked, new ArrayList<>());

        assertThat(effective.optimizer()).isEqualTo(asked.optimizer());
        assertThat(effective.clipNorm()).isEqualTo(5.0);
        assertThat(effective.initialWeights().coefficients()).containsExactly(2.0, 3.0);
        assertThat(effective)
                .extracting(
                        HyperparameterSpec::learningRate,
                        HyperparameterSpec::epochs,
                        HyperparameterSpec::l1,
                        HyperparameterSpec::l2,
                        HyperparameterSpec::batchSize,
                        HyperparameterSpec::shuffle,
                        HyperparameterSpec::seed,
                        HyperparameterSpec::tolerance,
                        HyperparameterSpec::patience,
                        HyperparameterSpec::earlyStopping,
                        HyperparameterSpec::validationFraction,
                        HyperparameterSpec::maxDurationMs,
                        HyperparameterSpec::snapshotEpochs,
                        HyperparameterSpec::returnLearningRates)
                .containsExactly(
                        0.01, 50, 0.0, 0.25, 2, false, 7L, null, 4, true, 0.3, 1500L, List.of(0, 10, 50), true);
    }

    @Test
    void refusesEverySettingTheChosenTypeDoesNotTakeNamingTheRequestsField() {
        List<FieldError> errors = new ArrayList<>();
        HyperparameterSpec spec = only(
                new LossSpec(LossSpec.Type.ABSOLUTE, 1.0),
                new OptimizerSpec(null, 0.5, 0.5, 0.5, 0.5, 1e-8),
                new ScheduleSpec(ScheduleSpec.Type.EXPONENTIAL, 0.5, null, 3, null, null, null));

        assertThat(SPECS.toHyperparameters(spec, 2, Y, errors)).isNull();
        assertThat(errors)
                .containsExactly(
                        new FieldError("loss.delta", "applies only to the huber loss"),
                        new FieldError("optimizer.momentum", "applies only to the momentum and nesterov optimizers"),
                        new FieldError("optimizer.rho", "applies only to the rmsprop optimizer"),
                        new FieldError("optimizer.beta1", "applies only to the adam optimizer"),
                        new FieldError("optimizer.beta2", "applies only to the adam optimizer"),
                        new FieldError("optimizer.epsilon", "applies only to the adagrad, rmsprop and adam optimizers"),
                        new FieldError("schedule.power", "applies only to the inverseScaling schedule"),
                        new FieldError("schedule.every", "applies only to the step schedule"));
    }

    @Test
    void refusesWhatLbfgsCannotTakeNamingTheRequestsField() {
        OptimizerSpec lbfgs = new OptimizerSpec(OptimizerSpec.Type.LBFGS, null, null, null, null, null);
        HyperparameterSpec spec = new HyperparameterSpec(
                0.5,
                null,
                null,
                new LossSpec(LossSpec.Type.ABSOLUTE, null),
                lbfgs,
                new ScheduleSpec(ScheduleSpec.Type.EXPONENTIAL, null, null, null, null, null, null),
                0.1,
                null,
                null,
                Y.length - 1,
                null,
                null,
                1.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        List<FieldError> errors = new ArrayList<>();

        assertThat(SPECS.toHyperparameters(spec, 2, Y, errors)).isNull();
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("loss", "l1", "batchSize", "clipNorm", "schedule");
        assertThat(errors.get(2).reason()).contains("at least the number of points (3)");

        for (int memory : new int[] {0, 101}) {
            List<FieldError> memoryErrors = new ArrayList<>();
            HyperparameterSpec badMemory =
                    only(null, new OptimizerSpec(OptimizerSpec.Type.LBFGS, null, null, null, null, null, memory), null);
            assertThat(SPECS.toHyperparameters(badMemory, 2, Y, memoryErrors)).isNull();
            assertThat(memoryErrors).containsExactly(new FieldError("optimizer.memory", "must be between 1 and 100"));
        }
        List<FieldError> adamErrors = new ArrayList<>();
        SPECS.toHyperparameters(
                only(null, new OptimizerSpec(OptimizerSpec.Type.ADAM, null, null, null, null, null, 5), null),
                2,
                Y,
                adamErrors);
        assertThat(adamErrors)
                .containsExactly(new FieldError("optimizer.memory", "applies only to the lbfgs optimizer"));
    }

    @Test
    void runsLbfgsWithAFullBatchAndTheLearningRateItIgnores() {
        HyperparameterSpec spec = new HyperparameterSpec(
                0.5,
                null,
                null,
                null,
                new OptimizerSpec(OptimizerSpec.Type.LBFGS, null, null, null, null, null),
                null,
                null,
                0.1,
                null,
                Y.length,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        HyperparameterSpec effective = roundTrip(spec, new ArrayList<>());

        assertThat(effective.optimizer())
                .isEqualTo(new OptimizerSpec(OptimizerSpec.Type.LBFGS, null, null, null, null, null, 10));
        assertThat(effective.batchSize()).isEqualTo(Y.length);
        assertThat(effective.l2()).isEqualTo(0.1);
        assertThat(effective.learningRate()).isEqualTo(0.5);
    }

    @Test
    void checksTheTargetsAgainstTheLossOnlyOnceTheSettingsAreGood() {
        HyperparameterSpec logistic = only(new LossSpec(LossSpec.Type.LOGISTIC, null), null, null);
        List<FieldError> errors = new ArrayList<>();

        assertThat(SPECS.toHyperparameters(logistic, 2, Y, errors)).isNull();
        assertThat(errors)
                .containsExactly(new FieldError("y[1]", "must be 0 or 1 for the logistic loss (2 values are not)"));

        HyperparameterSpec badSetting = only(new LossSpec(LossSpec.Type.LOGISTIC, 1.0), null, null);
        List<FieldError> first = new ArrayList<>();
        assertThat(SPECS.toHyperparameters(badSetting, 2, Y, first)).isNull();
        assertThat(first).containsExactly(new FieldError("loss.delta", "applies only to the huber loss"));
    }

    @Test
    void countsOnlyThePointsOfPositiveWeightWhenALogLinkLossChecksForCountsAllZero() {
        HyperparameterSpec poisson = only(new LossSpec(LossSpec.Type.POISSON, null), null, null);
        double[] y = {0, 0, 5};
        List<FieldError> weighedOut = new ArrayList<>();
        List<FieldError> unweighted = new ArrayList<>();

        assertThat(SPECS.toHyperparameters(poisson, 1, y, new double[] {1, 1, 0}, false, weighedOut))
                .isNull();
        assertThat(SPECS.toHyperparameters(poisson, 1, y, null, false, unweighted))
                .isNotNull();
        assertThat(SPECS.toHyperparameters(poisson, 1, y, new double[] {1, 0, 2}, false, unweighted))
                .isNotNull();
        assertThat(weighedOut)
                .containsExactly(new FieldError(
                        "y",
                        "must not be 0 at every point of positive sampleWeights for a log-link loss: the best mean"
                                + " is then 0, which no finite weights give (the intercept runs to −∞)"));
        assertThat(unweighted).isEmpty();
    }

    @Test
    void holdsTheSnapshotsToTheConfiguredLimit() {
        // 100 values at most: 34 snapshots of 3 weights are 102.
        List<Integer> epochs = IntStream.range(0, 34).boxed().toList();
        HyperparameterSpec spec = new HyperparameterSpec(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, epochs, null);
        List<FieldError> errors = new ArrayList<>();

        assertThat(SPECS.toHyperparameters(spec, 2, Y, errors)).isNull();
        assertThat(errors).singleElement().extracting(FieldError::field).isEqualTo("snapshotEpochs");
        assertThat(SPECS.toHyperparameters(spec, 1, Y, new ArrayList<>())).isNotNull(); // 34 × 2 = 68
    }
}
