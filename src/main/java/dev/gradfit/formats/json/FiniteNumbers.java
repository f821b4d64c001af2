package dev.gradfit.formats.json;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.memory.MemoryAccount;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.NumberInput;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads numbers straight into primitive arrays and refuses what is not a finite number: a literal too
 * large for a double (such as {@code 1e400}) would otherwise arrive as Infinity.
 */
@JacksonComponent
public final class FiniteNumbers {

    FiniteNumbers() {}

    /** An error for the value at the parser's position; {@code format} must not quote the input. */
    static InvalidValueException invalid(JsonParser parser, String format, Object... args) {
        return new InvalidValueException(parser, String.format(format, args));
    }

    /** Reads the current token as a finite number or reports where it is not. */
    static double read(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw invalid(parser, "must be a number, not %s", describe(token));
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw invalid(parser, "must be a finite number within the range of a double");
        }
        return value;
    }

    /**
     * The memory account of the body being read, which whoever reads it hands to Jackson as the attribute
     * {@code MemoryAccount.class} ({@code ObjectReader.withAttribute}); none outside a request.
     */
    public static MemoryAccount account(DeserializationContext context) {
        return context.getAttribute(MemoryAccount.class) instanceof MemoryAccount account
                ? account
                : MemoryAccount.NONE;
    }

    static String describe(JsonToken token) {
        return JsonTokens.describe(token);
    }

    /** Reads the elements of a JSON array (the parser is at its start) into a primitive array. */
    static double[] readArray(JsonParser parser, DeserializationContext context) {
        MemoryAccount account = account(context);
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(parser, "must be an array of numbers, not %s", describe(parser.currentToken()));
        }
        double[] values = DoubleArrays.allocate(account, 16);
        int size = 0;
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (size == values.length) {
                values = DoubleArrays.grow(account, values);
            }
            values[size++] = readElement(parser, -1, index++);
        }
        return DoubleArrays.trim(account, values, size);
    }

    /**
     * Reads one array element; {@code row} and {@code column} name it in an error ("element 3" when
     * {@code row} is negative, else "row 2, element 0"). The name is only built when there is an error:
     * these calls run once per number of bodies with millions of them.
     */
    static double readElement(JsonParser parser, int row, int column) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parseDouble(parser);
            if (Double.isFinite(value)) {
                return value;
            }
            throw invalid(parser, "%s must be a finite number within the range of a double", where(row, column));
        }
        throw invalid(parser, "%s must be a number, not %s", where(row, column), describe(token));
    }

    private static String where(int row, int column) {
        return row < 0 ? "element " + column : "row " + row + ", element " + column;
    }

    /**
     * The current number token as the nearest double, parsed straight from the parser's character buffer
     * by the correctly rounding parser that Jackson ships, without first making a String of it.
     */
    private static double parseDouble(JsonParser parser) {
        return NumberInput.parseDouble(
                parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), true);
    }

    /** {@code Double} fields: finite numbers only. */
    public static final class ScalarDeserializer extends ValueDeserializer<Double> {

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) {
            return read(parser, context);
        }

        @Override
        public Class<?> handledType() {
            return Double.class;
        }
    }

    /** {@code double[]} fields: arrays of finite numbers. */
    public static final class ArrayDeserializer extends ValueDeserializer<double[]> {

        @Override
        public double[] deserialize(JsonParser parser, DeserializationContext context) {
            NumberArrayParser.Parsed parsed = PreparsedArrays.at(parser);
            return parsed != null ? parsed.values() : readArray(parser, context);
        }

        @Override
        public Class<?> handledType() {
            return double[].class;
        }
    }
}
