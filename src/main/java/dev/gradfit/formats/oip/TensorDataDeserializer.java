package dev.gradfit.formats.oip;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.json.FiniteNumbers;
import dev.gradfit.formats.json.InvalidValueException;
import dev.gradfit.formats.json.JsonTokens;
import dev.gradfit.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an Open Inference Protocol tensor's {@code data}, flat ({@code [1, 2, 3, 4]}) or nested ({@code [[1, 2], [3, 4]]}), into one
 * row-major {@code double[]} without boxing, charging the arrays to the request's memory. Refuses what is
 * not a finite number, and nesting that is not a regular array of arrays.
 */
@JacksonComponent
public class TensorDataDeserializer extends ValueDeserializer<TensorData> {

    @Override
    public TensorData deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(parser, "must be an array of numbers, flat or nested");
        }
        Reader reader = new Reader(FiniteNumbers.account(context));
        reader.readArray(parser, 0);
        return reader.result();
    }

    @Override
    public Class<?> handledType() {
        return TensorData.class;
    }

    private static InvalidValueException invalid(JsonParser parser, String message) {
        return new InvalidValueException(parser, message);
    }

    /** One tensor's reading: its values so far, and the lengths its arrays must have at each depth. */
    private static final class Reader {

        private final MemoryAccount account;
        private double[] values;
        private int size;
        private boolean integral = true;
        /** Lengths of the arrays at each depth, set by the first array to end there; -1 until then. */
        private final List<Long> lengths = new ArrayList<>();
        /** The depth of the arrays that hold numbers, or -1 before the first number. */
        private int leafDepth = -1;

        Reader(MemoryAccount account) {
            this.account = account;
            this.values = DoubleArrays.allocate(account, 64);
        }

        /** The parser is at the start of an array {@code depth} arrays deep. */
        void readArray(JsonParser parser, int depth) {
            long length = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_ARRAY) {
                    if (leafDepth >= 0 && leafDepth <= depth) {
                        throw invalid(parser, "must nest evenly: an array where a number was expected");
                    }
                    readArray(parser, depth + 1);
                } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    if (leafDepth < 0) {
                        leafDepth = depth;
                    } else if (leafDepth != depth) {
                        throw invalid(parser, "must nest evenly: a number where an array was expected");
                    }
                    add(parser, token);
                } else {
                    throw invalid(parser, "element " + size + " must be a number, not " + describe(token));
                }
                length++;
            }
            while (lengths.size() <= depth) {
                lengths.add(-1L);
            }
            if (lengths.get(depth) < 0) {
                lengths.set(depth, length);
            } else if (lengths.get(depth) != length) {
                throw invalid(
                        parser,
                        "must nest evenly: arrays at depth " + depth + " have " + lengths.get(depth) + " and " + length
                                + " elements");
            }
        }

        private void add(JsonParser parser, JsonToken token) {
            double value = NumberInput.parseDouble(
                    parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), true);
            if (!Double.isFinite(value)) {
                throw invalid(parser, "element " + size + " must be a finite number within the range of a double");
            }
            if (size == values.length) {
                values = DoubleArrays.grow(account, values);
            }
            values[size++] = value;
            integral &= token == JsonToken.VALUE_NUMBER_INT;
        }

        TensorData result() {
            double[] exact = DoubleArrays.trim(account, values, size);
            long[] shape = lengths.stream().mapToLong(Long::longValue).toArray();
            return new TensorData(exact, shape, integral);
        }

        private static String describe(JsonToken token) {
            return JsonTokens.describe(token);
        }
    }
}
