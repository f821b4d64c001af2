package dev.gradfit.service.hyperparameters;

import dev.gradfit.fitting.core.Weights;
import java.util.List;

/**
 * The settings of a fit by name and number, as a request gives them ({@code null}: not given, the default) or as
 * a fit ran with them ({@link HyperparameterSpecs#effective}: every default filled in, {@code null} where a
 * setting did not apply). The names are those of a fit request's fields, and errors about them name those fields.
 *
 * @param learningRate the step size
 * @param epochs passes over the data
 * @param initialWeights where descent starts; {@code null} for zeros
 * @param loss the pointwise loss
 * @param optimizer the update rule
 * @param schedule how the learning rate changes from epoch to epoch
 * @param l1 the L1 penalty
 * @param l2 the L2 penalty
 * @param fitIntercept whether the intercept is fitted (held at 0 otherwise)
 * @param batchSize points per step; {@code null} for full batch
 * @param shuffle with {@code batchSize}: whether the points are shuffled every epoch
 * @param seed the seed of every random choice
 * @param clipNorm the largest norm a gradient keeps; {@code null} for no clipping
 * @param tolerance stop when the cost improves by less than this, relatively, {@code patience} times in a row
 * @param patience with {@code tolerance} or {@code earlyStopping}: epochs without improvement before stopping
 * @param earlyStopping whether the fit stops when the cost on held-out points stops falling
 * @param validationFraction with {@code earlyStopping}: the share of points held out
 * @param maxDurationMs the time budget in milliseconds; {@code null} for the configured limit
 * @param snapshotEpochs the epochs after which the weights are kept
 * @param returnLearningRates whether the learning rate of every epoch is recorded
 */
public record HyperparameterSpec(
        Double learningRate,
        Integer epochs,
        Weights initialWeights,
        LossSpec loss,
        OptimizerSpec optimizer,
        ScheduleSpec schedule,
        Double l1,
        Double l2,
        Boolean fitIntercept,
        Integer batchSize,
        Boolean shuffle,
        Long seed,
        Double clipNorm,
        Double tolerance,
        Integer patience,
        Boolean earlyStopping,
        Double validationFraction,
        Long maxDurationMs,
        List<Integer> snapshotEpochs,
        Boolean returnLearningRates) {}
