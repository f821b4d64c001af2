package dev.gradfit.api.response;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.formats.json.LongArraysModule;
import dev.gradfit.formats.json.NumberArrayWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes {@link Weights} in the shape of {@link dev.gradfit.api.request.WeightsBody} straight from the model's
 * own array. A page of the listing holds up to a thousand models of up to a thousand features: copying each
 * one's coefficients for the page would hold megabytes per read until the page was written.
 */
final class WeightsWriter extends ValueSerializer<Weights> {

    @Override
    public void serialize(Weights weights, JsonGenerator out, SerializationContext context) {
        out.writeStartObject();
        fields(weights, out, context);
        out.writeEndObject();
    }

    /** The fields of {@code weights}: intercept and coefficients, or a softmax model's rows in {@code byClass}. */
    static void fields(Weights weights, JsonGenerator out, SerializationContext context) {
        if (weights.outputs() == 1) {
            out.writeNumberProperty("intercept", weights.intercept());
            out.writeName("coefficients");
            coefficients(weights, out, context);
            return;
        }
        out.writeName("byClass");
        out.writeStartArray(weights, weights.outputs());
        for (int k = 0; k < weights.outputs(); k++) {
            Weights row = weights.output(k);
            out.writeStartObject();
            out.writeNumberProperty("intercept", row.intercept());
            out.writeName("coefficients");
            coefficients(row, out, context);
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /**
     * {@code weights}' coefficients as a JSON array, read in place: a long one by the application's
     * serializer of long arrays ({@link LongArraysModule}), as a {@code double[]} of them would be.
     */
    static void coefficients(Weights weights, JsonGenerator out, SerializationContext context) {
        int features = weights.features();
        if (features >= NumberArrayWriter.MIN_VALUES
                && (Object) context.findValueSerializer(double[].class)
                        instanceof LongArraysModule.DoubleArrays arrays) {
            arrays.serialize(features, weights::coefficient, out);
            return;
        }
        out.writeStartArray(weights, features);
        for (int j = 0; j < features; j++) {
            out.writeNumber(weights.coefficient(j));
        }
        out.writeEndArray();
    }
}
