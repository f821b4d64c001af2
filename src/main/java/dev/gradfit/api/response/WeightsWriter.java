package dev.gradfit.api.response;

import dev.gradfit.fitting.core.Weights;
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
        out.writeNumberProperty("intercept", weights.intercept());
        out.writeArrayPropertyStart("coefficients");
        for (int j = 0; j < weights.features(); j++) {
            out.writeNumber(weights.coefficient(j));
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
