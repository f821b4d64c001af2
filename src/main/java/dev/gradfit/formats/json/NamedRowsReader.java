package dev.gradfit.formats.json;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads rows sent as objects keyed by feature name, {@code [{"size": 3, "rooms": 2}, ...]}, into one
 * row-major {@code double[]} whose columns are in the order of the first row's keys. Every row must have
 * the first row's keys, each once, in any order; errors name the row and the key, as in
 * {@code x[3].rooms}. Which names a model takes is checked later, against the model.
 */
final class NamedRowsReader {

    /** A key's String and its map entry, rounded up: what the first row's names hold on the heap. */
    private static final long BYTES_PER_NAME = 128;

    private NamedRowsReader() {}

    /** The parser is at the start of the first row. */
    static FeatureMatrix read(JsonParser parser, MemoryAccount account) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> columnOf = new HashMap<>();
        double[] values = DoubleArrays.allocate(account, 64);
        int size = 0;
        // The first row's keys name the columns.
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (columnOf.putIfAbsent(name, names.size()) != null) {
                throw at(parser, 0, name, "appears twice in the row");
            }
            account.charge(BYTES_PER_NAME + 2L * name.length());
            names.add(name);
            parser.nextToken();
            if (size == values.length) {
                values = DoubleArrays.grow(account, values);
            }
            values[size++] = number(parser, 0, name);
        }
        int columns = names.size();
        if (columns == 0) {
            throw FiniteNumbers.invalid(parser, "row 0 is empty");
        }
        int[] seenInRow = new int[columns];
        int row = 1;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw FiniteNumbers.invalid(
                        parser,
                        "row %d must be an object keyed by feature name like the rows before it, not %s",
                        row,
                        FiniteNumbers.describe(parser.currentToken()));
            }
            if (size + columns > values.length) {
                values = DoubleArrays.grow(account, values);
            }
            int filled = 0;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                Integer column = columnOf.get(name);
                if (column == null) {
                    throw at(parser, row, name, "is not a key of row 0; every row must have the same keys");
                }
                if (seenInRow[column] == row) {
                    throw at(parser, row, name, "appears twice in the row");
                }
                seenInRow[column] = row;
                parser.nextToken();
                values[size + column] = number(parser, row, name);
                filled++;
            }
            if (filled < columns) {
                int missing = 0;
                while (seenInRow[missing] == row) {
                    missing++;
                }
                throw at(parser, row, names.get(missing), "is missing; every row must have the keys of row 0");
            }
            size += columns;
            row++;
        }
        return new FeatureMatrix(DoubleArrays.trim(account, values, size), row, columns, List.copyOf(names));
    }

    private static double number(JsonParser parser, int row, String name) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (Double.isFinite(value)) {
                return value;
            }
            throw at(parser, row, name, "must be a finite number within the range of a double");
        }
        throw at(parser, row, name, "must be a number, not " + FiniteNumbers.describe(token));
    }

    /** An error whose path is {@code [row].name}, to which Jackson prepends the field ({@code x}). */
    private static InvalidValueException at(JsonParser parser, int row, String name, String reason) {
        InvalidValueException error = FiniteNumbers.invalid(parser, "%s", reason);
        error.prependPath(null, name);
        error.prependPath(null, row);
        return error;
    }
}
