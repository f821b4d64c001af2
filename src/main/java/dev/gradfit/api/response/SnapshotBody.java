package dev.gradfit.api.response;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.Snapshot;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * The weights after a given number of epochs, as JSON. The record is the documented shape; {@link Writer}
 * writes it.
 */
@Schema(description = "The weights after `epoch` epochs and the cost there.")
record SnapshotBody(
        int epoch,
        @Schema(description = "Absent for a softmax model.") Double intercept,
        @Schema(description = "Absent for a softmax model.") double[] coefficients,

        @Schema(description = "Softmax models: one row of weights per class, as in weights.byClass.")
        java.util.List<dev.gradfit.api.request.WeightsBody> byClass,

        double cost) {

    /**
     * Writes a {@link Snapshot} in the shape of {@link SnapshotBody} straight from the model's own arrays. A
     * model may hold up to gradfit.fit.max-snapshot-values weights in snapshots, and each read of it used to
     * copy them all into new arrays held until the body was written: a crowd of slow readers of one model
     * then filled the heap. Written this way, a read holds nothing but the output buffers.
     */
    static final class Writer extends ValueSerializer<Snapshot> {

        @Override
        public void serialize(Snapshot snapshot, JsonGenerator out, SerializationContext context) {
            Weights weights = snapshot.weights();
            out.writeStartObject();
            out.writeNumberProperty("epoch", snapshot.epoch());
            WeightsWriter.fields(weights, out, context);
            out.writeNumberProperty("cost", snapshot.cost());
            out.writeEndObject();
        }
    }
}
