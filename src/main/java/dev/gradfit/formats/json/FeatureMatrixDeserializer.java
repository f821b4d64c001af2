package dev.gradfit.formats.json;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.memory.MemoryAccount;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code x} as {@code [1, 2, 3]} (one feature), {@code [[1, 2], [3, 4]]} (rows of several features)
 * or {@code [{"size": 1, "rooms": 2}, ...]} (rows keyed by feature name, see {@link NamedRowsReader}) into one
 * row-major {@code double[]}, without boxing, and rejects ragged or empty rows.
 */
@JacksonComponent
public class FeatureMatrixDeserializer extends ValueDeserializer<FeatureMatrix> {

    @Override
    public FeatureMatrix deserialize(JsonParser parser, DeserializationContext context) {
        NumberArrayParser.Parsed parsed = PreparsedArrays.at(parser);
        if (parsed != null) {
            return new FeatureMatrix(parsed.values(), parsed.rows(), parsed.columns());
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw FiniteNumbers.invalid(
                    parser,
                    "must be an array of numbers or an array of rows, not %s",
                    FiniteNumbers.describe(parser.currentToken()));
        }
        JsonToken first = parser.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return new FeatureMatrix(new double[0], 0, 1);
        }
        if (first == JsonToken.START_ARRAY) {
            return readRows(parser, context);
        }
        if (first == JsonToken.START_OBJECT) {
            return NamedRowsReader.read(parser, FiniteNumbers.account(context));
        }
        MemoryAccount account = FiniteNumbers.account(context);
        double[] values = DoubleArrays.allocate(account, 16);
        int size = 0;
        do {
            if (size == values.length) {
                values = DoubleArrays.grow(account, values);
            }
            values[size] = FiniteNumbers.readElement(parser, -1, size);
            size++;
        } while (parser.nextToken() != JsonToken.END_ARRAY);
        return new FeatureMatrix(DoubleArrays.trim(account, values, size), size, 1);
    }

    /** The parser is at the start of the first row. */
    private FeatureMatrix readRows(JsonParser parser, DeserializationContext context) {
        MemoryAccount account = FiniteNumbers.account(context);
        double[] values = DoubleArrays.allocate(account, 64);
        int size = 0;
        int columns = -1;
        int row = 0;
        do {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw FiniteNumbers.invalid(
                        parser,
                        "row %d must be an array of numbers like the rows before it, not %s",
                        row,
                        FiniteNumbers.describe(parser.currentToken()));
            }
            int column = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (size == values.length) {
                    values = DoubleArrays.grow(account, values);
                }
                values[size++] = FiniteNumbers.readElement(parser, row, column);
                column++;
            }
            if (column == 0) {
                throw FiniteNumbers.invalid(parser, "row %d is empty", row);
            }
            if (columns < 0) {
                columns = column;
            } else if (column != columns) {
                throw FiniteNumbers.invalid(
                        parser,
                        "rows must all have the same length: row %d has %d values, row 0 has %d",
                        row,
                        column,
                        columns);
            }
            row++;
        } while (parser.nextToken() != JsonToken.END_ARRAY);
        return new FeatureMatrix(DoubleArrays.trim(account, values, size), row, columns);
    }

    @Override
    public Class<?> handledType() {
        return FeatureMatrix.class;
    }
}
