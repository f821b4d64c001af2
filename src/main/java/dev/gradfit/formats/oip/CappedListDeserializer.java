package dev.gradfit.formats.oip;

import dev.gradfit.formats.json.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON array into a list of at most {@code max} elements, refusing the array as soon as one more arrives:
 * an array of a million small objects is refused after {@code max + 1} of them rather than built, validated and
 * then refused. A {@code null} element is kept, for validation to name.
 *
 * @param <T> the element type
 */
public abstract class CappedListDeserializer<T> extends ValueDeserializer<List<T>> {

    private final Class<T> type;
    private final int max;
    private final String what;

    /**
     * @param type the element type
     * @param max the most elements taken
     * @param what the elements' name in the refusal, plural ("tensors")
     */
    protected CappedListDeserializer(Class<T> type, int max, String what) {
        this.type = type;
        this.max = max;
        this.what = what;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.isExpectedStartArrayToken()) {
            return (List<T>) context.handleUnexpectedToken(context.constructType(List.class), parser);
        }
        List<T> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (elements.size() == max) {
                throw new InvalidValueException(parser, "holds more than " + max + " " + what + ", the limit");
            }
            try {
                elements.add(token == JsonToken.VALUE_NULL ? null : context.readValue(parser, type));
            } catch (JacksonException refused) {
                throw refused.prependPath(elements, elements.size());
            }
        }
        return elements;
    }
}
