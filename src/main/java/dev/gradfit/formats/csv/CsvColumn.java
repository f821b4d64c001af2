package dev.gradfit.formats.csv;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.formats.DoubleChunks;
import dev.gradfit.formats.TextCells;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.NamedColumns;
import java.util.HashMap;
import java.util.Map;

/**
 * One column of a CSV table as its cells come: numbers while every cell is one, text from the first that is not.
 * An empty cell is missing in either. Text is kept as written (trimmed) and held as dictionary codes.
 *
 * <p>A column may turn to text late, after a thousand numbers. The numbers are then turned into codes, and each
 * keeps its text as written where that is known: the column remembers how each distinct number was written, up to
 * {@code maxLevels} of them and at most {@value #MAX_WRITTEN} (beyond the limit the column could not become text
 * anyway), so that
 * {@code 02134} stays {@code 02134}. A number written two ways ({@code 1} and {@code 1.0}), or a column of more
 * distinct numbers than that, gives its numbers their shortest text instead ({@code 1}, {@code 2.5}).
 */
final class CsvColumn {

    /** The heap charged for one remembered written number: its map entry, boxed key and String. */
    private static final long WRITTEN_ENTRY_BYTES = 120;

    /** The most written numbers remembered, whatever the limit of levels (a column of no limit has none). */
    static final int MAX_WRITTEN = 1 << 12;

    private final String name;
    private final int maxLevels;
    private final MemoryAccount account;
    private DoubleChunks numbers;
    private Map<Double, String> written = new HashMap<>();
    private long writtenBytes;
    private TextCells text;
    private long firstTextLine;
    private String firstText;
    private boolean numbersBeforeText;

    CsvColumn(String name, int maxLevels, MemoryAccount account) {
        this.name = name;
        this.maxLevels = maxLevels;
        this.account = account;
        this.numbers = new DoubleChunks(account);
    }

    String name() {
        return name;
    }

    /** Adds the cell of {@code line}, as the parser gave it. */
    void add(String cell, long line) {
        String value = cell.strip();
        if (text != null) {
            addText(value.isEmpty() ? null : value, line);
            return;
        }
        if (value.isEmpty()) {
            numbers.add(Double.NaN);
            return;
        }
        double number = CsvTableReader.parse(value, where(line));
        if (Double.isNaN(number)) {
            toText(value, line);
            addText(value, line);
            return;
        }
        numbers.add(number);
        remember(number, value);
    }

    /**
     * Adds a number read before the file was known to be a table, its text no longer at hand: should the column turn
     * to text, its numbers take their shortest text.
     */
    void addNumber(double number) {
        if (text != null) {
            addText(shortest(number), 0);
            return;
        }
        forget();
        numbers.add(number);
    }

    Column build() {
        if (text != null) {
            return text.build();
        }
        forget();
        return new NumericColumn(name, numbers.toArray());
    }

    private void addText(String value, long line) {
        if (!text.add(value)) {
            throw tooManyLevels(line);
        }
    }

    private void remember(double number, String value) {
        if (written == null) {
            return;
        }
        String before = written.putIfAbsent(number, value);
        if (before == null) {
            account.charge(WRITTEN_ENTRY_BYTES + 2L * value.length());
            writtenBytes += WRITTEN_ENTRY_BYTES + 2L * value.length();
            if (written.size() > Math.min(maxLevels, MAX_WRITTEN)) {
                forget();
            }
        } else if (!before.equals(value)) {
            forget();
        }
    }

    private void forget() {
        written = null;
        account.release(writtenBytes);
        writtenBytes = 0;
    }

    /** Turns the numbers so far into text: each as it was written, where that is known. */
    private void toText(String cell, long line) {
        firstTextLine = line;
        firstText = cell;
        text = new TextCells(name, maxLevels, account);
        Map<Double, String> known = written;
        boolean[] over = {false};
        numbers.drain(number -> {
            numbersBeforeText |= !Double.isNaN(number);
            String value = Double.isNaN(number) ? null : known != null ? known.get(number) : shortest(number);
            over[0] |= !text.add(value);
        });
        numbers = null;
        forget();
        if (over[0]) {
            throw tooManyLevels(line);
        }
    }

    /** The shortest text of a number: whole numbers without a point, others as Java prints a double. */
    static String shortest(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }

    private RuntimeException tooManyLevels(long line) {
        String reason = where(line) + "the column holds more than " + maxLevels
                + " distinct values, the most a text column may hold (gradfit.design.max-levels)";
        if (numbersBeforeText) {
            reason += "; it holds numbers, and is text from line " + firstTextLine + ", " + QuotedValue.of(firstText)
                    + ", which is not a number (leave a missing cell empty)";
        }
        return CsvTableReader.invalid(reason);
    }

    private String where(long line) {
        return "line " + line + ", column " + NamedColumns.shown(name) + ": ";
    }
}
