package dev.gradfit.formats.json;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads raw rows, {@code [{"size": 3, "city": "Paris", "rooms": null}, ...]}, into a {@link Table}: a column
 * whose cells are numbers is numeric, one whose cells are strings is text, and {@code null} or an absent key is
 * a missing cell. A column holding both numbers and strings is refused at the first cell of the other kind,
 * named as {@code rows[3].city}; so is a number that is not finite. Numeric cells cost eight bytes each and text
 * cells four (plus each distinct string once), charged to the request's account before they are allocated.
 */
@JacksonComponent
public class TableDeserializer extends ValueDeserializer<Table> {

    /** A column's name and map entry, and a distinct string of a text column, rounded up. */
    private static final long BYTES_PER_STRING = 128;

    @Override
    public Table deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw FiniteNumbers.invalid(
                    parser,
                    "must be an array of rows, each an object of numbers, strings and nulls, not %s",
                    FiniteNumbers.describe(parser.currentToken()));
        }
        MemoryAccount account = FiniteNumbers.account(context);
        List<Cells> columns = new ArrayList<>();
        Map<String, Cells> byName = new HashMap<>();
        int row = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw FiniteNumbers.invalid(
                        parser,
                        "row %d must be an object keyed by column name, not %s",
                        row,
                        FiniteNumbers.describe(parser.currentToken()));
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                Cells cells = byName.get(name);
                if (cells == null) {
                    account.charge(BYTES_PER_STRING + 2L * name.length());
                    cells = new Cells(name);
                    byName.put(name, cells);
                    columns.add(cells);
                }
                if (cells.filledRow == row) {
                    throw at(parser, row, name, "appears twice in the row");
                }
                parser.nextToken();
                cells.set(parser, account, row);
            }
            row++;
        }
        List<Column> built = new ArrayList<>(columns.size());
        for (Cells cells : columns) {
            built.add(cells.build(account, row));
        }
        return new Table(built);
    }

    @Override
    public Class<?> handledType() {
        return Table.class;
    }

    /** An error whose path is {@code [row].name}, to which Jackson prepends the field ({@code rows}). */
    private static InvalidValueException at(JsonParser parser, int row, String name, String reason) {
        InvalidValueException error = FiniteNumbers.invalid(parser, "%s", reason);
        error.prependPath(null, name);
        error.prependPath(null, row);
        return error;
    }

    /** One column as it is read: numbers, or text codes; missing until a row says otherwise. */
    private static final class Cells {
        private final String name;
        private final Map<String, Integer> codeOf = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private double[] numbers;
        private int[] codes;
        private int filledRow = -1;

        Cells(String name) {
            this.name = name;
        }

        void set(JsonParser parser, MemoryAccount account, int row) {
            JsonToken token = parser.currentToken();
            filledRow = row;
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                if (codes != null) {
                    throw at(parser, row, name, "is a number but the column's earlier cells are strings");
                }
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw at(parser, row, name, "must be a finite number within the range of a double");
                }
                numbers = ensureNumbers(account, row);
                numbers[row] = value;
            } else if (token == JsonToken.VALUE_STRING) {
                if (numbers != null) {
                    throw at(parser, row, name, "is a string but the column's earlier cells are numbers");
                }
                String text = parser.getString();
                codes = ensureCodes(account, row);
                codes[row] = codeOf.computeIfAbsent(text, added -> {
                    account.charge(BYTES_PER_STRING + 2L * added.length());
                    dictionary.add(added);
                    return dictionary.size() - 1;
                });
            } else {
                throw at(parser, row, name, "must be a number, a string or null, not " + FiniteNumbers.describe(token));
            }
        }

        private double[] ensureNumbers(MemoryAccount account, int row) {
            if (numbers == null) {
                numbers = DoubleArrays.allocate(account, Math.max(16, row + 1));
                Arrays.fill(numbers, Double.NaN);
            }
            while (row >= numbers.length) {
                int old = numbers.length;
                numbers = DoubleArrays.grow(account, numbers);
                Arrays.fill(numbers, old, numbers.length, Double.NaN);
            }
            return numbers;
        }

        private int[] ensureCodes(MemoryAccount account, int row) {
            if (codes == null) {
                int length = Math.max(16, row + 1);
                account.charge(4L * length);
                codes = new int[length];
                Arrays.fill(codes, TextColumn.MISSING);
            }
            while (row >= codes.length) {
                int old = codes.length;
                account.charge(8L * old);
                codes = Arrays.copyOf(codes, old * 2);
                account.release(4L * old);
                Arrays.fill(codes, old, codes.length, TextColumn.MISSING);
            }
            return codes;
        }

        /** The column of {@code rows} cells; a column of nulls only is numeric, every cell missing. */
        Column build(MemoryAccount account, int rows) {
            if (codes != null) {
                ensureCodes(account, rows - 1);
                return new TextColumn(name, codes.length == rows ? codes : Arrays.copyOf(codes, rows), dictionary);
            }
            if (rows == 0) {
                return new NumericColumn(name, new double[0]);
            }
            ensureNumbers(account, rows - 1);
            return new NumericColumn(name, DoubleArrays.trim(account, numbers, rows));
        }
    }
}
