package dev.gradfit.formats.json;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.LabelColumn;
import dev.gradfit.formats.Targets;
import dev.gradfit.memory.MemoryAccount;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code y} as an array of finite numbers or an array of strings (class labels), and refuses an array
 * that mixes the two or holds anything else, naming the element, or holds an empty label (refused as {@code
 * y[i]}, as CSV and Arrow uploads refuse an empty cell of labels). Long arrays of numbers come from the bulk
 * reader ({@link PreparsedArrays}); an array of strings makes the bulk reader hand over to Jackson, which
 * calls this.
 */
@JacksonComponent
public class TargetsDeserializer extends ValueDeserializer<Targets> {

    @Override
    public Targets deserialize(JsonParser parser, DeserializationContext context) {
        NumberArrayParser.Parsed parsed = PreparsedArrays.at(parser);
        if (parsed != null) {
            return Targets.of(parsed.values());
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw FiniteNumbers.invalid(
                    parser,
                    "must be an array of numbers or of labels (strings), not %s",
                    FiniteNumbers.describe(parser.currentToken()));
        }
        JsonToken first = parser.nextToken();
        if (first == JsonToken.VALUE_STRING) {
            return Targets.labelled(readLabels(parser, FiniteNumbers.account(context)));
        }
        MemoryAccount account = FiniteNumbers.account(context);
        double[] values = DoubleArrays.allocate(account, 16);
        int size = 0;
        for (JsonToken token = first; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                throw FiniteNumbers.invalid(
                        parser,
                        "element %d is a string where the elements before it are numbers: labels are all"
                                + " strings or all numbers",
                        size);
            }
            if (size == values.length) {
                values = DoubleArrays.grow(account, values);
            }
            values[size] = FiniteNumbers.readElement(parser, -1, size);
            size++;
        }
        return Targets.of(DoubleArrays.trim(account, values, size));
    }

    private static String[] readLabels(JsonParser parser, MemoryAccount account) {
        LabelColumn labels = new LabelColumn(account);
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = labels.size();
            if (token != JsonToken.VALUE_STRING) {
                throw FiniteNumbers.invalid(
                        parser,
                        token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                                ? "element %d is a number where the elements before it are strings: labels"
                                        + " are all strings or all numbers"
                                : "element %d must be a label (a string or a number), not %s",
                        index,
                        FiniteNumbers.describe(token));
            }
            String label = parser.getString();
            if (label.isEmpty()) {
                // As a CSV or Arrow upload refuses an empty cell of labels: "" is no class a client meant.
                throw (InvalidValueException)
                        FiniteNumbers.invalid(parser, "the label is empty; a label needs at least one character")
                                .prependPath(Targets.class, index);
            }
            labels.add(label);
        }
        return labels.toArray();
    }

    @Override
    public Class<?> handledType() {
        return Targets.class;
    }
}
