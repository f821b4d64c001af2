package dev.gradfit.service;

import dev.gradfit.config.FitProperties;
import dev.gradfit.config.PlotProperties;
import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.InvalidFeatureException;
import dev.gradfit.fitting.InvalidSplitException;
import dev.gradfit.fitting.linalg.ParallelChunks;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.EpochObserver;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.TrainingSample;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Runs a fit on the fit executor under the server's limits on work and time, and stores the model only
 * once the fit has succeeded. Background work (jobs) runs fits through the same steps on its own threads.
 */
@Service
public class FitService {

    private final Fitter fitter;
    private final ModelStore store;
    private final FitProperties limits;
    private final Clock clock;
    private final FitExecutor executor;
    private final FitMeters meters;
    private final PlotProperties plots;

    FitService(
            ModelStore store,
            FitProperties limits,
            Clock clock,
            FitExecutor executor,
            FitMeters meters,
            PlotProperties plots) {
        this.plots = plots;
        this.fitter = new Fitter(limits.maxHistoryEntries());
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.executor = executor;
        this.meters = meters;
    }

    /**
     * @throws InvalidRequestException if the fit would compute more than the work limit, or its
     *     early-stopping split leaves no usable rows
     */
    public FittedModel fit(FitCommand command) {
        checkWork(command);
        FittedModel model = executor.call(() -> fitOnThisThread(command, limits.maxDuration(), EpochObserver.NONE));
        keep(model, command, limits.maxDuration());
        return model;
    }

    /**
     * Fits on the calling thread, within {@code timeLimit}, telling {@code observer} about every epoch; stores
     * nothing. Counted in the fit meters like every fit. The model keeps a sample of the points as sent, for
     * its plots (gradfit.plots.sample-points).
     *
     * @throws InvalidRequestException if the early-stopping split leaves no usable rows, or a feature's values
     *     are too close to 0 to fit
     * @throws dev.gradfit.fitting.train.FitDivergedException if the fit diverges
     * @throws dev.gradfit.fitting.train.FitCanceledException if the observer cancels it
     * @throws FitOutOfMemoryException if the heap could not hold the fit
     */
    public FittedModel fitOnThisThread(FitCommand command, Duration timeLimit, EpochObserver observer) {
        return fitOnThisThread(command, timeLimit, observer, UUID.randomUUID());
    }

    /**
     * As {@link #fitOnThisThread(FitCommand, Duration, EpochObserver)}, for a model to be kept under
     * {@code modelId} (a job's, the same for every run of the job).
     */
    public FittedModel fitOnThisThread(FitCommand command, Duration timeLimit, EpochObserver observer, UUID modelId) {
        FitOptions options = new FitOptions(command.standardize(), timeLimit, observer);
        try {
            return meters.record(() -> {
                Fit fit = fitter.fit(command.data(), command.hyperparameters(), options);
                return new FittedModel(
                        modelId,
                        clock.instant(),
                        fit.hyperparameters(),
                        fit.result(),
                        command.parentId(),
                        command.standardize(),
                        fit.diagnostics(),
                        command.featureNames(),
                        command.targetName(),
                        TrainingSample.of(
                                command.data(),
                                plots.samplePoints(),
                                fit.hyperparameters().seed()),
                        command.classes(),
                        command.design());
            });
        } catch (InvalidSplitException split) {
            throw new InvalidRequestException(List.of(new FieldError("validationFraction", split.getMessage())));
        } catch (InvalidFeatureException feature) {
            if (command.design() != null) {
                // The feature is a design column of the rows: name it, not an x the request did not send.
                String column = command.design().design().columnNames().get(feature.column());
                throw new InvalidRequestException(List.of(new FieldError(
                        "rows", feature.getMessage().replaceFirst("^feature \\d+", "the design column " + column))));
            }
            throw new InvalidRequestException(List.of(new FieldError("x", feature.getMessage())));
        } catch (OutOfMemoryError heap) {
            // The fit's frames are gone by now, and with them the arrays that filled the heap: the thread lives on.
            throw new FitOutOfMemoryException();
        }
    }

    /** Stores a model that {@link #fitOnThisThread} made from {@code command}, and logs it. */
    public void keep(FittedModel model, FitCommand command, Duration timeLimit) {
        store.save(model);
        meters.logFitted(model, command.data().rows(), timeLimit);
    }

    /**
     * @throws InvalidRequestException if the fit would compute more than the work limit, or is a softmax fit of more
     *     weights than its chunks can keep partial sums of
     */
    public void checkWork(FitCommand command) {
        if (command.hyperparameters().loss() instanceof SoftmaxLoss softmax
                && !Fitter.fitsSoftmax(softmax.classes(), command.data().columns())) {
            int features = command.data().columns();
            throw new InvalidRequestException(List.of(new FieldError(
                    "loss",
                    "makes a softmax model of " + softmax.classes() + " classes × (" + features + " features + 1) = "
                            + (long) softmax.classes() * (features + 1L) + " weights, more than the limit of "
                            + (ParallelChunks.MAX_PARTIAL_VALUES - 1) + "; send fewer classes or features")));
        }
        long work = Fitter.work(command.data(), command.hyperparameters(), command.standardize());
        if (work > limits.maxWork()) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "epochs",
                    "make a fit of about " + work + " multiply-adds, more than the limit of " + limits.maxWork()
                            + "; ask for fewer epochs or send fewer points or features")));
        }
    }
}
