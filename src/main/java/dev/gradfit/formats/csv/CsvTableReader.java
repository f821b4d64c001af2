package dev.gradfit.formats.csv;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NameCheck;
import dev.gradfit.service.NamedColumns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file (RFC 4180: a header line, then one line per point, fields quoted with {@code "} when
 * they hold the delimiter, a quote or a line break) straight into a primitive array, record by record, as
 * it arrives. The delimiter is {@code ,}, {@code ;} or a tab when given, else whichever of {@code ,} and
 * {@code ;} the header holds more of outside quotes. Every refusal names the line and the column; lines are counted from 1, the header's.
 *
 * <p>Every cell holds a finite number, but in the column that may be the target: there, a cell that is not a
 * number makes the whole column class labels, each cell's text as written ({@link TargetCells}). A cell that
 * is empty, spells NaN or an infinity, or is a number beyond a double's range is refused in any column.
 *
 * <p>{@link #readTable} reads the same files into a design's raw {@link Table} instead: text in any column, empty
 * cells missing, each column's distinct values and each cell's length limited ({@link TableLimits}).
 */
public final class CsvTableReader {

    /** Longest header line looked at to choose the delimiter. */
    private static final int SNIFF_CHARS = 1 << 20;

    /** What a number cell may hold: the digits, signs, point and exponent of a decimal number, and nothing else. */
    private static final Pattern NUMBER_CHARS = Pattern.compile("[0-9+\\-.eE]+");

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+");

    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(?i:nan|inf|infinity)");

    private final int maxPoints;
    private final int maxColumns;
    private final int maxNameLength;

    /**
     * @param maxPoints the most data rows
     * @param maxColumns the most columns, target included
     * @param maxNameLength the most characters in one header name
     */
    public CsvTableReader(int maxPoints, int maxColumns, int maxNameLength) {
        this.maxPoints = maxPoints;
        this.maxColumns = maxColumns;
        this.maxNameLength = maxNameLength;
    }

    /**
     * @param delimiter {@code ','}, {@code ';'} or {@code '\t'}, or {@code 0} to choose {@code ,} or {@code ;} from
     *     the header
     * @param target the name of the target column as known before the file, or {@code null} for the last
     *     column: the column whose cells may be class labels
     * @param account charged for the arrays of numbers and labels before they are allocated
     * @throws InvalidRequestException for the first problem found, naming line and column
     */
    public CsvTable read(InputStream in, char delimiter, String target, MemoryAccount account) throws IOException {
        return parse(in, delimiter, 0, parser -> read(parser, target, account));
    }

    /**
     * Reads the file as a table of raw columns, for a design to learn from or be applied to. A column is numbers
     * while every cell of it is one, and text, each cell as written and trimmed, from the first that is not
     * (numbers before it become text too: {@link CsvColumn}). An empty cell is missing ({@code NaN}, or code -1),
     * in any column; a cell that spells NaN or an infinity is refused in a column of numbers, and is a value in a
     * column of text. Text is held as dictionary codes and each distinct value once, charged to {@code account}
     * as the columns grow.
     *
     * @param delimiter {@code ','}, {@code ';'} or {@code '\t'}, or {@code 0} to choose {@code ,} or {@code ;} from
     *     the header
     * @param limits the columns read, the distinct values a text column may hold, the longest cell
     * @throws InvalidRequestException for the first problem found, naming line and column: a ragged line, a cell
     *     too long, a column of more distinct values than its limit, a number out of range
     */
    public Table readTable(InputStream in, char delimiter, MemoryAccount account, TableLimits limits)
            throws IOException {
        return parse(in, delimiter, limits.maxCellChars(), parser -> table(parser, account, limits));
    }

    /**
     * Reads the file of a fit: as {@link #read} reads it while every feature cell is a number, and as {@link
     * #readTable} from the first feature cell that is empty or text, or from the start when {@code asTable}. The
     * rows read before that cell stay in the table: the features' numbers as numbers (should such a column turn to
     * text later, its numbers take their shortest text, {@code 2} for {@code 2.0}), the target's cells as written. A
     * file of numbers gives what {@link #read} gives, read the same way.
     *
     * @param target the name of the target column as known before the file, or {@code null} for the last column
     * @param offset the name of the column of offsets as known before the file, or {@code null}: its cells are
     *     numbers, never the reason to read a table
     * @param limits the table's limits; the target column is read whatever they say, its distinct values not
     *     limited
     * @throws InvalidRequestException for the first problem found, naming line and column
     */
    public CsvUpload readFit(
            InputStream in,
            char delimiter,
            String target,
            String offset,
            MemoryAccount account,
            TableLimits limits,
            boolean asTable)
            throws IOException {
        return parse(in, delimiter, asTable ? limits.maxCellChars() : 0, parser -> {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw invalid("is empty; it needs a header line and at least one line of data");
            }
            List<String> header = header(records.next(), 2);
            int candidate = target == null ? header.size() - 1 : header.indexOf(target);
            TableLimits resolved = candidate < 0 ? limits : withTarget(limits, header.get(candidate));
            int offsetColumn = offset == null ? -1 : header.indexOf(offset);
            return asTable
                    ? new CsvUpload(null, rest(records, columns(header, resolved, account), 0, null, offsetColumn))
                    : points(records, header, target, account, resolved, offsetColumn);
        });
    }

    /** The limits with the target read and its distinct values not limited. */
    static TableLimits withTarget(TableLimits limits, String target) {
        Set<String> unlimited = new HashSet<>(limits.unlimited());
        unlimited.add(target);
        TableLimits resolved = limits.unlimited(unlimited.toArray(String[]::new));
        if (resolved.columns() == null) {
            return resolved;
        }
        Set<String> read = new HashSet<>(resolved.columns());
        read.add(target);
        return resolved.only(read);
    }

    /** @param maxCellChars the most characters in a cell, or 0 for no limit */
    private <T> T parse(InputStream in, char delimiter, int maxCellChars, Function<CSVParser, T> records)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        skipByteOrderMark(reader);
        char chosen = delimiter != 0 ? delimiter : sniff(reader);
        CellGuard guard = maxCellChars > 0 ? new CellGuard(reader, chosen, maxCellChars) : null;
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(chosen)
                .setIgnoreEmptyLines(false)
                .get();
        try (CSVParser parser = CSVParser.builder()
                .setReader(guard != null ? guard : reader)
                .setFormat(format)
                .get()) {
            try {
                return records.apply(parser);
            } catch (UncheckedIOException failed) {
                if (failed.getCause() instanceof java.nio.charset.CharacterCodingException) {
                    throw invalid("is not UTF-8 text");
                }
                if (failed.getCause() instanceof CSVException malformed) {
                    // The parser fails while reading a record, after handing out the ones before it.
                    throw invalid("line " + (parser.getRecordNumber() + 1) + ": " + quoting(malformed));
                }
                // The body stopped arriving (the client went away): not the file's fault.
                throw failed.getCause();
            }
        }
    }

    private Table table(CSVParser parser, MemoryAccount account, TableLimits limits) {
        var records = parser.iterator();
        if (!records.hasNext()) {
            throw invalid("is empty; it needs a header line and at least one line of data");
        }
        List<String> header = header(records.next(), 1);
        return rest(records, columns(header, limits, account), 0, null, -1);
    }

    private static CsvColumn[] columns(List<String> header, TableLimits limits, MemoryAccount account) {
        CsvColumn[] read = new CsvColumn[header.size()];
        for (int j = 0; j < read.length; j++) {
            String name = header.get(j);
            read[j] = limits.reads(name) ? new CsvColumn(name, limits.maxLevels(name), account) : null;
        }
        return read;
    }

    /**
     * The rest of a file as a table, after {@code rows} rows already in the columns.
     *
     * @param first the record to read first, or {@code null} to start with the next
     * @param numbersOnly a column whose cells must be finite numbers (the offsets), or -1
     */
    private Table rest(Iterator<CSVRecord> records, CsvColumn[] read, int rows, CSVRecord first, int numbersOnly) {
        int columns = read.length;
        for (CSVRecord record = first; record != null || records.hasNext(); record = null) {
            if (record == null) {
                record = records.next();
            }
            long line = record.getRecordNumber();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            if (record.size() != columns) {
                throw invalid("line " + line + " has " + record.size() + " values but the header has " + columns
                        + " columns");
            }
            if (rows == maxPoints) {
                throw invalid("has more than " + maxPoints + " lines of data, more than the limit of " + maxPoints);
            }
            for (int j = 0; j < columns; j++) {
                if (read[j] != null && j == numbersOnly) {
                    read[j].addNumber(number(record.get(j), line, read[j].name(), false));
                } else if (read[j] != null) {
                    read[j].add(record.get(j), line);
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw invalid("has a header but no lines of data");
        }
        return build(read);
    }

    private static Table build(CsvColumn[] read) {
        List<Column> built = new ArrayList<>();
        for (CsvColumn column : read) {
            if (column != null) {
                built.add(column.build());
            }
        }
        return new Table(built);
    }

    private CsvTable read(CSVParser parser, String target, MemoryAccount account) {
        var records = parser.iterator();
        if (!records.hasNext()) {
            throw invalid("is empty; it needs a header line and at least one line of data");
        }
        return points(records, header(records.next(), 2), target, account, null, -1)
                .points();
    }

    /**
     * The rest of the file as points and targets, or with {@code switchTo} as a table from the first feature cell
     * that is empty or text.
     *
     * @param numbersOnly a column whose cells must be numbers whatever the others hold (the offsets), or -1
     */
    private CsvUpload points(
            Iterator<CSVRecord> records,
            List<String> header,
            String target,
            MemoryAccount account,
            TableLimits switchTo,
            int numbersOnly) {
        int columns = header.size();
        int candidate = target == null ? columns - 1 : header.indexOf(target);
        TargetCells cells = candidate < 0 ? null : new TargetCells(account);
        double[] values = DoubleArrays.allocate(account, Math.max(64, 4 * columns));
        int size = 0;
        int rows = 0;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            long line = record.getRecordNumber();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            if (record.size() != columns) {
                throw invalid("line " + line + " has " + record.size() + " values but the header has " + columns
                        + " columns");
            }
            if (rows == maxPoints) {
                throw invalid(
                        "has more than " + maxPoints + " points (lines of data), more than the limit of " + maxPoints);
            }
            while (size + columns > values.length) {
                values = DoubleArrays.grow(account, values);
            }
            for (int j = 0; j < columns; j++) {
                if (switchTo != null && j != candidate && j != numbersOnly) {
                    // The same number as number() gives, or NaN where the file turns out to be a table. A decimal
                    // comma is a number written the wrong way, far likelier than a level: refused as by number().
                    String text = record.get(j).strip();
                    if (DECIMAL_COMMA.matcher(text).matches()) {
                        number(text, line, header.get(j), false);
                    }
                    double value = text.isEmpty() ? Double.NaN : parse(text, where(line, header.get(j)));
                    if (Double.isNaN(value)) {
                        Table table = switchToTable(
                                record,
                                records,
                                header,
                                candidate,
                                cells,
                                values,
                                rows,
                                switchTo,
                                account,
                                numbersOnly);
                        return new CsvUpload(null, table);
                    }
                    values[size++] = value;
                    continue;
                }
                values[size++] = j == candidate
                        ? targetCell(record.get(j), line, header.get(j), cells)
                        : number(record.get(j), line, header.get(j), target == null && j != columns - 1);
            }
            rows++;
        }
        if (rows == 0) {
            throw invalid("has a header but no lines of data");
        }
        CsvTable.Labels labels = null;
        if (cells != null && cells.labelled()) {
            labels = new CsvTable.Labels(candidate, cells.labels(), cells.firstTextLine(), cells.firstText());
        } else if (cells != null) {
            cells.release();
        }
        return new CsvUpload(new CsvTable(header, DoubleArrays.trim(account, values, size), rows, labels), null);
    }

    /**
     * Reads the rest of the file as a table from {@code record} on, after {@code rows} rows read as numbers:
     * their cells go into the table's columns first, the features' numbers as numbers, the target's cells as
     * written.
     */
    private Table switchToTable(
            CSVRecord record,
            Iterator<CSVRecord> records,
            List<String> header,
            int candidate,
            TargetCells cells,
            double[] values,
            int rows,
            TableLimits limits,
            MemoryAccount account,
            int numbersOnly) {
        CsvColumn[] read = columns(header, limits, account);
        String[] written = null;
        if (cells != null) {
            written = cells.written();
            cells.release();
        }
        replay(read, values, rows, candidate, written, record.getRecordNumber());
        account.release(8L * values.length);
        return rest(records, read, rows, record, numbersOnly);
    }

    /**
     * The rows of a file read as numbers, in a table's columns.
     *
     * @param text the column whose cells are given as written, or -1
     * @param written that column's cells
     */
    private static void replay(CsvColumn[] read, double[] values, int rows, int text, String[] written, long line) {
        int columns = read.length;
        for (int i = 0, from = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++, from++) {
                if (read[j] == null) {
                    continue;
                }
                if (j == text) {
                    read[j].add(written[i], line);
                } else {
                    read[j].addNumber(values[from]);
                }
            }
        }
    }

    /**
     * A file read as numbers, as a table: its numbers as numbers, a column of labels as text. Its array of numbers
     * is released; it must not be used afterwards.
     *
     * @param limits the columns read and the distinct values each may hold
     * @param target the target column: read whatever the limits say, its distinct values not limited
     */
    public static Table toTable(CsvTable points, TableLimits limits, String target, MemoryAccount account) {
        CsvColumn[] read = columns(points.header(), withTarget(limits, target), account);
        CsvTable.Labels labels = points.labels();
        replay(
                read,
                points.values(),
                points.rows(),
                labels == null ? -1 : labels.column(),
                labels == null ? null : labels.values(),
                labels == null ? 0 : labels.firstLine());
        account.release(8L * points.values().length);
        return build(read);
    }

    /** @param minColumns the fewest columns: 2 for points and targets, 1 for a table */
    private List<String> header(CSVRecord record, int minColumns) {
        if (record.size() > maxColumns) {
            throw invalid("has " + record.size() + " columns, more than the limit of " + maxColumns
                    + " (gradfit.fit.max-features and the target)");
        }
        List<String> names = new ArrayList<>(record.size());
        NameCheck check = new NameCheck(maxNameLength);
        for (int j = 0; j < record.size(); j++) {
            String name = record.get(j).strip();
            NameCheck.Problem problem = check.next(name);
            if (problem != null) {
                String where = "line 1, column " + (j + 1) + ": the header ";
                throw invalid(
                        switch (problem.fault()) {
                            case BLANK -> where + "is blank; every column needs a name";
                            case TOO_LONG -> where + problem.tooLong();
                            case REPEATED ->
                                where + NamedColumns.shown(name) + " repeats column " + (problem.earlier() + 1)
                                        + "; names must be unique";
                        });
            }
            names.add(name);
        }
        if (names.size() < minColumns) {
            throw invalid("has " + names.size() + " column; it needs at least one feature and the target");
        }
        return List.copyOf(names);
    }

    /**
     * @param named whether to say that a column of labels must be named as the target before the file: it is
     *     not the last column, and no target was given before the file
     */
    private static double number(String cell, long line, String column, boolean named) {
        String text = cell.strip();
        String where = where(line, column);
        double value = parse(text, where);
        if (Double.isNaN(value)) {
            throw invalid(where + QuotedValue.of(text) + " is not a number" + commaHint(text)
                    + (named ? "; a column of labels must be the target, named before the file" : ""));
        }
        return value;
    }

    /** A cell of the column that may be the target: its number, or 0 where the column holds labels. */
    private static double targetCell(String cell, long line, String column, TargetCells cells) {
        String text = cell.strip();
        double value = parse(text, where(line, column));
        if (Double.isNaN(value) || cells.labelled()) {
            cells.label(text, line);
            return 0;
        }
        cells.number(text);
        return value;
    }

    private static String where(long line, String column) {
        return "line " + line + ", column " + NamedColumns.shown(column) + ": ";
    }

    /**
     * The finite number a cell spells, or NaN when it is not a number at all (text).
     *
     * @throws InvalidRequestException when the cell is empty, spells NaN or an infinity, or is out of range
     */
    static double parse(String text, String where) {
        if (text.isEmpty()) {
            throw invalid(where + "the value is missing");
        }
        if (NOT_FINITE.matcher(text).matches()) {
            throw invalid(where + QuotedValue.of(text) + " is not a finite number");
        }
        if (!NUMBER_CHARS.matcher(text).matches()) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        if (!Double.isFinite(value)) {
            throw invalid(where + QuotedValue.of(text) + " is out of the range of a double");
        }
        return value;
    }

    /** A decimal comma ({@code 1,5}) in a file delimited otherwise: the likeliest reason, said. */
    private static String commaHint(String text) {
        return DECIMAL_COMMA.matcher(text).matches() ? " (a number takes a decimal point, not a comma)" : "";
    }

    /** {@code ;} when the header line holds more semicolons than commas outside quotes, else {@code ,}. */
    private static char sniff(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_CHARS);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0, c; i < SNIFF_CHARS && (c = reader.read()) >= 0; i++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        reader.reset();
        return semicolons > commas ? ';' : ',';
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /**
     * What is wrong with the quoting, in gradfit's words. commons-csv says it only in its message, which names
     * the library's tokens and counts lines its own way, so the message is classified and never shown.
     */
    private static String quoting(CSVException malformed) {
        String message = malformed.getMessage() == null ? "" : malformed.getMessage();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted cell is not closed; the file ends inside it";
        }
        if (message.contains("between encapsulated token and delimiter")) {
            return "text after a closing quote; a quoted cell must end at the quote (write a quote inside one as"
                    + " two quotes)";
        }
        return "the quoting is malformed";
    }

    static InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(List.of(new FieldError("file", reason)));
    }
}
