package dev.gradfit.api.request;

import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code loss} as an object ({@code {"type": "huber", "delta": 1}}) or as the bare name of its type
 * ({@code "logistic"}). Jackson would let a delegating creator take objects too, so the two forms are told
 * apart here, each still read by Jackson so that errors name {@code loss.type} or {@code loss}.
 */
@JacksonComponent
class LossBodyDeserializer extends ValueDeserializer<LossBody> {

    /** The object form, field for field. */
    private record Fields(LossBody.Type type, Double delta, Double power) {}

    @Override
    public LossBody deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return LossBody.of(context.readValue(parser, LossBody.Type.class));
        }
        Fields fields = context.readValue(parser, Fields.class);
        return new LossBody(fields.type(), fields.delta(), fields.power());
    }

    @Override
    public Class<?> handledType() {
        return LossBody.class;
    }
}
