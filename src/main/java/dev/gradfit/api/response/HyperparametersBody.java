package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.api.request.LossBody;
import dev.gradfit.api.request.OptimizerBody;
import dev.gradfit.api.request.ScheduleBody;
import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.Hyperparameters;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The settings a fit actually ran with, defaults filled in; settings that did not apply are left out. */
@Schema(description = "The effective settings of the fit, defaults filled in; settings that did not apply are absent.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record HyperparametersBody(
        double learningRate,
        int epochs,
        WeightsBody initialWeights,
        LossBody loss,
        OptimizerBody optimizer,
        ScheduleBody schedule,
        double l1,
        double l2,
        boolean fitIntercept,
        @Schema(description = "Absent for full batch.") Integer batchSize,
        @Schema(description = "Absent for full batch.") Boolean shuffle,
        long seed,
        Double clipNorm,
        Double tolerance,

        @Schema(description = "Absent unless tolerance or earlyStopping is set.")
        Integer patience,

        boolean earlyStopping,
        Double validationFraction,
        Long maxDurationMs,
        List<Integer> snapshotEpochs,
        boolean returnLearningRates,
        boolean standardize) {

    static HyperparametersBody of(Hyperparameters hyperparameters, int features, boolean standardize) {
        Optimizer optimizer = hyperparameters.optimizer();
        Double clipNorm = null;
        if (optimizer instanceof GradientClipping clipping) {
            clipNorm = clipping.maxNorm();
            optimizer = clipping.optimizer();
        }
        Double tolerance = null;
        Integer patience = null;
        EarlyStoppingRule early = null;
        Long maxDurationMs = null;
        for (StoppingRule rule : hyperparameters.stoppingRules()) {
            if (rule instanceof ConvergenceRule convergence) {
                tolerance = convergence.tolerance();
                patience = convergence.patience();
            } else if (rule instanceof EarlyStoppingRule earlyStopping) {
                early = earlyStopping;
                patience = earlyStopping.patience();
            } else if (rule instanceof TimeBudgetRule budget) {
                maxDurationMs = budget.budget().toMillis();
            }
        }
        int batchSize = hyperparameters.batching().batchSize();
        return new HyperparametersBody(
                hyperparameters.learningRate(),
                hyperparameters.epochs(),
                WeightsBody.of(hyperparameters.startFor(features)),
                LossBody.of(hyperparameters.loss()),
                OptimizerBody.of(optimizer),
                ScheduleBody.of(hyperparameters.schedule()),
                hyperparameters.regularization().l1(),
                hyperparameters.regularization().l2(),
                hyperparameters.fitIntercept(),
                batchSize == 0 ? null : batchSize,
                batchSize == 0 ? null : hyperparameters.batching().shuffle(),
                hyperparameters.seed(),
                clipNorm,
                tolerance,
                patience,
                early != null,
                early == null ? null : early.validationFraction(),
                maxDurationMs,
                hyperparameters.snapshotEpochs(),
                hyperparameters.recordLearningRates(),
                standardize);
    }
}
