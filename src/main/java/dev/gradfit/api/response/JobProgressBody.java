package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.jobs.JobEventData.JobProgress;
import io.swagger.v3.oas.annotations.media.Schema;

/** The data of a {@code progress} event. */
@Schema(description = "How far a job's fit has got: the data of a progress event.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobProgressBody(
        @Schema(description = "Epochs run so far, 0 for the initial weights.")
        int epoch,

        @Schema(description = "The cost at the current weights.")
        double cost,

        @Schema(
                description = "The learning rate of the epoch that led here; the initial rate at epoch 0. With lbfgs,"
                        + " the step length of that epoch's line search, and 1 at epoch 0.")
        double learningRate,

        @Schema(
                description =
                        "The current weights; absent for models of more than 101 weights (every class's row counted: more than 100 features, or fewer over a softmax model's classes).")
        WeightsBody weights) {

    public static JobProgressBody of(JobProgress progress) {
        return new JobProgressBody(
                progress.epoch(),
                progress.cost(),
                progress.learningRate(),
                progress.weights() == null ? null : WeightsBody.of(progress.weights()));
    }
}
