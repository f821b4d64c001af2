package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.api.request.LossBody;
import dev.gradfit.api.request.OptimizerBody;
import dev.gradfit.api.request.ScheduleBody;
import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.service.hyperparameters.HyperparameterSpec;
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

    static HyperparametersBody of(HyperparameterSpec effective, boolean standardize) {
        return new HyperparametersBody(
                effective.learningRate(),
                effective.epochs(),
                WeightsBody.of(effective.initialWeights()),
                LossBody.of(effective.loss()),
                OptimizerBody.of(effective.optimizer()),
                ScheduleBody.of(effective.schedule()),
                effective.l1(),
                effective.l2(),
                effective.fitIntercept(),
                effective.batchSize(),
                effective.shuffle(),
                effective.seed(),
                effective.clipNorm(),
                effective.tolerance(),
                effective.patience(),
                effective.earlyStopping(),
                effective.validationFraction(),
                effective.maxDurationMs(),
                effective.snapshotEpochs(),
                effective.returnLearningRates(),
                standardize);
    }
}
