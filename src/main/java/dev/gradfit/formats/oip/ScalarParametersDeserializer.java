package dev.gradfit.formats.oip;

import dev.gradfit.formats.json.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads the protocol's {@code parameters}: an object of at most {@value #MAX} entries whose values are scalars
 * (a number, a string, a boolean, or null), as the protocol defines them. An array or an object is refused where it
 * starts, before it is read, so that a parameter cannot hold megabytes of values that nothing reads.
 */
public class ScalarParametersDeserializer extends ValueDeserializer<Map<String, Object>> {

    /** The most entries a parameters object holds. */
    public static final int MAX = 64;

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.isExpectedStartObjectToken()) {
            return (Map<String, Object>) context.handleUnexpectedToken(context.constructType(Map.class), parser);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextName()) != null) {
            if (parameters.size() == MAX && !parameters.containsKey(name)) {
                throw new InvalidValueException(parser, "holds more than " + MAX + " parameters, the limit");
            }
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                case VALUE_STRING -> parser.getString();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default ->
                    throw new InvalidValueException(
                                    parser,
                                    "must be a number, a string, a boolean or null, not an array or" + " an object")
                            .prependPath(parameters, name);
            };
            parameters.put(name, value);
        }
        return parameters;
    }
}
