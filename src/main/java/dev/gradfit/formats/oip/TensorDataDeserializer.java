package dev.gradfit.formats.oip;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.json.FiniteNumbers;
import dev.gradfit.formats.json.InvalidValueException;
import dev.gradfit.formats.json.JsonTokens;
import dev.gradfit.memory.MemoryAccount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an Open Inference Protocol tensor's {@code data}, flat ({@code [1, 2, 3, 4]}) or nested ({@code [[1, 2], [3,
 * 4]]}), into one row-major array without boxing, charging it to the request's memory: numbers into a
 * {@code double[]}, strings (BYTES in the protocol's JSON) into dictionary codes, each distinct string kept once,
 * and {@code null} as a missing element. Refuses a number that is not finite, numbers and strings in one tensor,
 * any other JSON value, and nesting that is not a regular array of arrays.
 */
@JacksonComponent
public class TensorDataDeserializer extends ValueDeserializer<TensorData> {

    /** A distinct string's entry in the dictionary and its map, rounded up, as the rows' reader charges it. */
    private static final long BYTES_PER_STRING = 128;

    private static final BigInteger UNSIGNED_LONG_MAX =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public TensorData deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(parser, "must be an array of numbers or strings, flat or nested");
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

    /** One tensor's reading: its elements so far, and the lengths its arrays must have at each depth. */
    private static final class Reader {

        private final MemoryAccount account;
        /** The numbers, once the first number is read; the nulls before it are filled with NaN then. */
        private double[] values;
        /** The string codes, once the first string is read; the nulls before it are filled with -1 then. */
        private int[] codes;

        private final Map<String, Integer> codeOf = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private int size;
        private int firstNull = -1;
        private boolean integral = true;
        private boolean outsideLong;
        private boolean aboveUnsignedLong;
        /** Lengths of the arrays at each depth, set by the first array to end there; -1 until then. */
        private final List<Long> lengths = new ArrayList<>();
        /** The depth of the arrays that hold elements, or -1 before the first element. */
        private int leafDepth = -1;

        Reader(MemoryAccount account) {
            this.account = account;
        }

        /** The parser is at the start of an array {@code depth} arrays deep. */
        void readArray(JsonParser parser, int depth) {
            long length = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_ARRAY) {
                    if (leafDepth >= 0 && leafDepth <= depth) {
                        throw invalid(parser, "must nest evenly: an array where an element was expected");
                    }
                    readArray(parser, depth + 1);
                } else {
                    if (leafDepth < 0) {
                        leafDepth = depth;
                    } else if (leafDepth != depth) {
                        throw invalid(parser, "must nest evenly: an element where an array was expected");
                    }
                    add(parser, token);
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
            switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> addNumber(parser, token);
                case VALUE_STRING -> addString(parser);
                case VALUE_NULL -> addNull();
                default ->
                    throw invalid(
                            parser, "element " + size + " must be a number, a string or null, not " + describe(token));
            }
        }

        private void addNumber(JsonParser parser, JsonToken token) {
            if (codes != null) {
                throw invalid(
                        parser, "element " + size + " must be a string, like the elements before it, not a number");
            }
            double value = NumberInput.parseDouble(
                    parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), true);
            if (!Double.isFinite(value)) {
                throw invalid(parser, "element " + size + " must be a finite number within the range of a double");
            }
            ensureValues();
            values[size++] = value;
            integral &= token == JsonToken.VALUE_NUMBER_INT;
            // Only an integer of 19 digits or more can leave a long's range; the double cannot tell.
            if (token == JsonToken.VALUE_NUMBER_INT
                    && parser.getTextLength() >= 19
                    && parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                outsideLong = true;
                aboveUnsignedLong |= parser.getBigIntegerValue().compareTo(UNSIGNED_LONG_MAX) > 0;
            }
        }

        private void addString(JsonParser parser) {
            if (values != null) {
                throw invalid(
                        parser, "element " + size + " must be a number, like the elements before it, not a string");
            }
            String text = parser.getString();
            ensureCodes();
            codes[size++] = codeOf.computeIfAbsent(text, added -> {
                account.charge(BYTES_PER_STRING + 2L * added.length());
                dictionary.add(added);
                return dictionary.size() - 1;
            });
        }

        private void addNull() {
            if (firstNull < 0) {
                firstNull = size;
            }
            if (codes != null) {
                ensureCodes();
                codes[size] = -1;
            } else if (values != null) {
                ensureValues();
                values[size] = Double.NaN;
            }
            size++;
        }

        /** Room for one more number; the nulls read before the first number become NaN. */
        private void ensureValues() {
            if (values == null) {
                values = DoubleArrays.allocate(account, Math.max(64, size + 1));
                Arrays.fill(values, 0, size, Double.NaN);
            } else if (size == values.length) {
                values = DoubleArrays.grow(account, values);
            }
        }

        /** Room for one more code; the nulls read before the first string become -1. */
        private void ensureCodes() {
            if (codes == null) {
                int length = Math.max(64, size + 1);
                account.charge(4L * length);
                codes = new int[length];
                Arrays.fill(codes, 0, size, -1);
            } else if (size == codes.length) {
                int old = codes.length;
                account.charge(8L * old);
                codes = Arrays.copyOf(codes, old * 2);
                account.release(4L * old);
            }
        }

        TensorData result() {
            long[] shape = lengths.stream().mapToLong(Long::longValue).toArray();
            if (codes != null) {
                int[] exact = codes;
                if (codes.length != size) {
                    account.charge(4L * size);
                    exact = Arrays.copyOf(codes, size);
                    account.release(4L * codes.length);
                }
                return new TensorData(
                        null, exact, dictionary, shape, integral, firstNull, outsideLong, aboveUnsignedLong);
            }
            if (values == null) {
                // Nulls only (or nothing): numbers, every one missing, as a column of nulls only is in rows.
                values = DoubleArrays.allocate(account, size);
                Arrays.fill(values, Double.NaN);
                return new TensorData(
                        values, null, List.of(), shape, integral, firstNull, outsideLong, aboveUnsignedLong);
            }
            double[] exact = DoubleArrays.trim(account, values, size);
            return new TensorData(exact, null, List.of(), shape, integral, firstNull, outsideLong, aboveUnsignedLong);
        }

        private static String describe(JsonToken token) {
            return JsonTokens.describe(token);
        }
    }
}
