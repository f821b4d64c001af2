package dev.gradfit.formats.arrow;

import dev.gradfit.design.table.Table;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.formats.Targets;
import dev.gradfit.formats.columns.OffsetColumn;
import dev.gradfit.memory.BodyTooLargeException;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NameCheck;
import dev.gradfit.service.NamedColumns;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads an Apache Arrow IPC stream (a schema, then record batches) into the points and targets of a fit, or with
 * {@link #readTable} into a design's raw {@link Table} of numbers and text, nulls missing ({@link TableBatches}).
 *
 * <p>Every column holds numbers (float64, float32, signed or unsigned integers of 8 to 64 bits), without
 * nulls; the target is the column named {@code target}, the last one by default, the offsets the column named
 * {@code offset}, if one is, and the others are the features, in the schema's order, named by their fields. The target may instead hold class labels: utf8 or
 * large_utf8, plain or dictionary-encoded ({@link LabelSpool}). Each record batch's layout is checked against its
 * schema and its declared body before the body is read ({@link BatchLayout}); its values are then packed into
 * one {@link ColumnSpool} per column, in Arrow memory charged to the request, and its body is freed. Once the
 * stream ends, the spools are copied straight into two primitive arrays of the exact size. Rows and record
 * batches are counted from 0. Every refusal is an {@link InvalidRequestException} on the field {@code body}
 * in gradfit's words, but a batch declaring more bytes than the body may have, a {@link BodyTooLargeException};
 * nothing of the stream stays allocated, whatever happens.
 */
public final class ArrowTableReader {

    /** The media type of the Arrow IPC stream format. */
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";

    private final BufferAllocator memory;
    private final long maxBodyBytes;
    private final int maxPoints;
    private final int maxColumns;
    private final int maxNameLength;

    /**
     * @param memory the allocator each read takes a child of
     * @param maxBodyBytes the longest stream (gradfit.http.max-body-size)
     * @param maxPoints the most rows
     * @param maxColumns the most columns, target included
     * @param maxNameLength the most characters in one column name
     */
    public ArrowTableReader(
            BufferAllocator memory, long maxBodyBytes, int maxPoints, int maxColumns, int maxNameLength) {
        this.memory = memory;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
        this.maxColumns = maxColumns;
        this.maxNameLength = maxNameLength;
    }

    /**
     * @param target the name of the target column, or {@code null} or empty for the last column
     * @param offset the name of the column of offsets, or {@code null} or empty for none
     * @param account charged for the buffers and arrays before they are allocated
     * @throws InvalidRequestException for the first problem found, naming the column and the row
     */
    public LabeledColumns read(InputStream in, String target, String offset, MemoryAccount account) throws IOException {
        // What a read holds at most: the spools (the values, at most the body, and a chunk of slack per
        // column) and one batch's body. The budget's charges refuse a read long before this limit.
        long limit = maxBodyBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 3 * maxBodyBytes + (16 << 20);
        // The servlet's stream stays open: the body filter reads what is left of a refused body.
        IpcMessages messages = new IpcMessages(in);
        try (BufferAllocator allocator = memory.newChildAllocator("arrow-fit", 0, limit)) {
            Charged charged = new Charged(allocator, account);
            return points(messages, charged, schema(messages, 2), target, offset, account);
        }
    }

    /**
     * Reads the stream of a fit: as {@link #read} reads it when every column but the target holds numbers, and as
     * {@link #readTable} when one holds text (utf8, plain or dictionary-encoded), or when {@code asTable}.
     *
     * @param target the name of the target column, or {@code null} or empty for the last column
     * @param offset the name of the column of offsets, or {@code null} or empty for none
     * @param limits the table's limits; the target column is read whatever they say, its distinct values not
     *     limited
     * @return the points, or {@code null} with the rows
     * @throws InvalidRequestException for the first problem found, naming the column and the row
     */
    public ArrowUpload readFit(
            InputStream in, String target, String offset, MemoryAccount account, TableLimits limits, boolean asTable)
            throws IOException {
        long limit = maxBodyBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 3 * maxBodyBytes + (16 << 20);
        IpcMessages messages = new IpcMessages(in);
        try (BufferAllocator allocator = memory.newChildAllocator("arrow-fit", 0, limit)) {
            Charged charged = new Charged(allocator, account);
            List<Field> fields = schema(messages, 2);
            List<String> names = fields.stream().map(Field::getName).toList();
            int targetColumn = target == null || target.isEmpty() ? names.size() - 1 : names.indexOf(target);
            boolean text = false;
            for (int j = 0; j < fields.size(); j++) {
                text |= j != targetColumn
                        && (textual(fields.get(j)) || fields.get(j).getDictionary() != null);
            }
            if (!asTable && !text) {
                return new ArrowUpload(points(messages, charged, fields, target, offset, account), null);
            }
            TableLimits resolved = limits;
            if (targetColumn >= 0) {
                String name = names.get(targetColumn);
                resolved = limits.unlimited(name);
                if (limits.columns() != null) {
                    Set<String> read = new HashSet<>(limits.columns());
                    read.add(name);
                    resolved = resolved.only(read);
                }
            }
            Table table = new TableBatches(
                            messages, charged, fields, resolved, maxNameLength, maxBodyBytes, maxPoints, account)
                    .read();
            return new ArrowUpload(null, table);
        }
    }

    /**
     * A fit's stream read as raw rows, or as points.
     *
     * @param points the points and targets, or {@code null}
     * @param rows the table, or {@code null}
     */
    public record ArrowUpload(LabeledColumns points, Table rows) {}

    private LabeledColumns points(
            IpcMessages messages,
            Charged charged,
            List<Field> fields,
            String target,
            String offset,
            MemoryAccount account)
            throws IOException {
        {
            List<String> names = fields.stream().map(Field::getName).toList();
            int targetColumn = target == null || target.isEmpty() ? names.size() - 1 : names.indexOf(target);
            if (targetColumn < 0) {
                throw new InvalidRequestException(List.of(new FieldError(
                        "target", "names no column of the stream; its columns are " + String.join(", ", names))));
            }
            int offsetColumn = offsetColumn(offset, names, targetColumn);
            LabelSpool labels = LabelSpool.of(fields.get(targetColumn), account);
            ArrowColumn[] kinds = kinds(fields, labels == null ? -1 : targetColumn);
            if (labels != null) {
                kinds[targetColumn] = labels.kind();
            }
            ColumnSpool[] spools = new ColumnSpool[kinds.length];
            try {
                for (int j = 0; j < kinds.length; j++) {
                    if (labels == null || j != targetColumn) {
                        spools[j] = new ColumnSpool(kinds[j], charged::allocate);
                    }
                }
                long rows = batches(messages, new Columns(kinds, names, spools, targetColumn, labels), charged);
                return copy(spools, names, new int[] {targetColumn, offsetColumn}, labels, rows, account);
            } finally {
                for (ColumnSpool spool : spools) {
                    if (spool != null) {
                        spool.close();
                    }
                }
            }
        }
    }

    /**
     * Reads the stream as a table of raw columns, for a design to learn from or be applied to: numbers (float64,
     * float32, integers of 8 to 64 bits, as doubles) and text (utf8 or large_utf8, plain or dictionary-encoded,
     * held as dictionary codes, a dictionary-encoded column keeping the stream's dictionary). A null, an empty
     * string and a floating-point NaN are missing cells. The columns' arrays are charged to {@code account} as they
     * grow, and each batch's body in Arrow memory while it is read; nothing of the stream stays allocated.
     *
     * @param limits the columns read, and the distinct values a text column may hold
     * @throws InvalidRequestException for the first problem found, naming the column and the row or batch
     */
    public Table readTable(InputStream in, MemoryAccount account, TableLimits limits) throws IOException {
        long limit = maxBodyBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 3 * maxBodyBytes + (16 << 20);
        IpcMessages messages = new IpcMessages(in);
        try (BufferAllocator allocator = memory.newChildAllocator("arrow-table", 0, limit)) {
            Charged charged = new Charged(allocator, account);
            List<Field> fields = schema(messages, 1);
            return new TableBatches(messages, charged, fields, limits, maxNameLength, maxBodyBytes, maxPoints, account)
                    .read();
        }
    }

    /**
     * The fields of the schema, message 0, refused before Arrow builds them when they cannot be columns.
     *
     * @param minColumns the fewest columns: 2 for points and targets, 1 for a table
     */
    List<Field> schema(IpcMessages messages, int minColumns) throws IOException {
        IpcMessages.Header header = messages.next();
        if (header == null) {
            throw invalid(
                    messages.bytesRead() == 0
                            ? "is empty; it needs an Arrow IPC stream: a schema, then record batches"
                            : "ends before its schema; an Arrow IPC stream starts with one");
        }
        if (header.type() != MessageHeader.Schema) {
            throw invalid("starts with " + describe(header.type()) + "; an Arrow IPC stream starts with its schema");
        }
        if (header.bodyLength() != 0) {
            throw invalid("its schema declares a body of " + header.bodyLength() + " bytes; a schema has none");
        }
        Schema schema = IpcMessages.decode(0, () -> (Schema) header.message().header(new Schema()));
        if (schema == null || IpcMessages.decode(0, schema::endianness) == Endianness.Big) {
            throw invalid(
                    schema == null
                            ? "its schema message holds no schema"
                            : "is big-endian; gradfit reads little-endian Arrow streams, what Arrow writers make by default");
        }
        int count = IpcMessages.decode(0, schema::fieldsLength);
        if (count > maxColumns) {
            throw invalid("has " + count + " columns, more than the limit of " + maxColumns
                    + " (gradfit.fit.max-features and the target)");
        }
        if (count < minColumns) {
            throw invalid("has " + Math.max(count, 0) + " column; it needs at least one feature and the target");
        }
        List<Field> fields = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            int column = j;
            var field = IpcMessages.decode(0, () -> schema.fields(column));
            // A nested field is not numbers; refused before Arrow walks its children, however deep.
            if (IpcMessages.decode(0, field::childrenLength) != 0) {
                throw invalid("column " + (j + 1) + " is a nested type, not numbers; columns must be float64, float32"
                        + " or integers of 8 to 64 bits");
            }
            fields.add(IpcMessages.decode(0, () -> Field.convertField(field)));
        }
        return fields;
    }

    /** The kind of each column; {@code labelled}, the target of labels (or -1), is left to its label spool. */
    private ArrowColumn[] kinds(List<Field> fields, int labelled) {
        ArrowColumn[] kinds = new ArrowColumn[fields.size()];
        NameCheck check = new NameCheck(maxNameLength);
        for (int j = 0; j < kinds.length; j++) {
            Field field = fields.get(j);
            String name = field.getName();
            checkName(check, name, j);
            if (j == labelled) {
                continue;
            }
            kinds[j] = ArrowColumn.of(field);
            if (kinds[j] == null) {
                throw invalid("column " + NamedColumns.shown(name) + " is " + ArrowColumn.describe(field)
                        + ", not numbers gradfit reads; columns must be float64, float32 or integers of 8 to 64"
                        + " bits" + (textual(field) ? ", and only the target may hold labels (utf8)" : ""));
            }
        }
        return kinds;
    }

    /** @throws InvalidRequestException when the name of column {@code j} is blank, too long or repeated */
    static void checkName(NameCheck check, String name, int j) {
        NameCheck.Problem problem = check.next(name);
        if (problem != null) {
            String column = "column " + (j + 1);
            throw invalid(
                    switch (problem.fault()) {
                        case BLANK -> column + " has no name; every column needs one";
                        case TOO_LONG -> column + "'s name " + problem.tooLong();
                        case REPEATED ->
                            column + "'s name " + NamedColumns.shown(name) + " repeats column "
                                    + (problem.earlier() + 1) + "; names must be unique";
                    });
        }
    }

    /** Whether a field is text, plain or dictionary-encoded: class labels, which a feature may not hold. */
    private static boolean textual(Field field) {
        return ArrowColumn.text(field.getType()) != null;
    }

    /**
     * The columns of a read: their kinds and names, the spools of numbers (none for a target of labels) and the
     * spool of labels, if the target holds them.
     */
    private record Columns(
            ArrowColumn[] kinds, List<String> names, ColumnSpool[] spools, int target, LabelSpool labels) {}

    /** Reads every record batch into the spools, freeing each body once its values are packed; the rows. */
    private long batches(IpcMessages messages, Columns columns, Charged charged) throws IOException {
        ArrowColumn[] kinds = columns.kinds();
        List<String> names = columns.names();
        ColumnSpool[] spools = columns.spools();
        LabelSpool labels = columns.labels();
        long rows = 0;
        int batch = 0;
        int dictionaries = 0;
        for (IpcMessages.Header header; (header = messages.next()) != null; ) {
            if (header.type() == MessageHeader.DictionaryBatch && labels != null && labels.valueKind() != null) {
                dictionary(messages, header, dictionaries++, columns, charged);
                continue;
            }
            if (header.type() != MessageHeader.RecordBatch) {
                throw invalid("message " + header.index() + " is " + describe(header.type())
                        + (header.type() == MessageHeader.DictionaryBatch
                                ? ", but no column of the stream is dictionary-encoded"
                                : ", where a record batch was expected"));
            }
            BatchLayout layout = BatchLayout.of(header, batch++, kinds, names);
            if (layout.rows() > maxPoints - rows) {
                throw invalid("has more than " + maxPoints + " rows, more than the limit of " + maxPoints
                        + " points (gradfit.fit.max-points)");
            }
            if (header.bodyLength() > maxBodyBytes - messages.bytesRead()) {
                throw new BodyTooLargeException(maxBodyBytes);
            }
            try (ArrowBuf body = charged.allocate(header.bodyLength())) {
                messages.readBody(header, body);
                for (int j = 0; j < kinds.length; j++) {
                    long row = layout.firstNull(body, j, names.get(j));
                    if (row >= 0) {
                        throw invalid("column " + NamedColumns.shown(names.get(j)) + ", row " + (rows + row)
                                + ": the value is null; a missing cell is taken in a fit of rows, with options holding a"
                                + " design or a formula");
                    }
                }
                for (int j = 0; j < kinds.length; j++) {
                    if (spools[j] != null) {
                        spools[j].append(body, layout.data()[j][0], layout.rows() * kinds[j].width());
                    } else {
                        labels.append(body, layout, j, rows);
                    }
                }
            }
            rows += layout.rows();
        }
        return rows;
    }

    /**
     * Reads a dictionary batch of the target's labels: checked as a record batch of one column of text is, its
     * body freed once its values are read.
     */
    private void dictionary(
            IpcMessages messages, IpcMessages.Header header, int number, Columns columns, Charged charged)
            throws IOException {
        int index = header.index();
        String where = "dictionary batch " + number;
        DictionaryBatch fb = IpcMessages.decode(
                index, () -> (DictionaryBatch) header.message().header(new DictionaryBatch()));
        var data = fb == null ? null : IpcMessages.decode(index, fb::data);
        if (data == null) {
            throw invalid(where + " has no metadata");
        }
        LabelSpool labels = columns.labels();
        long id = IpcMessages.decode(index, fb::id);
        if (id != labels.dictionaryId()) {
            throw invalid(where + " is for dictionary " + id + ", which no column uses; column "
                    + NamedColumns.shown(columns.names().get(columns.target())) + " uses dictionary "
                    + labels.dictionaryId());
        }
        BatchLayout layout = BatchLayout.of(
                data,
                index,
                header.bodyLength(),
                where,
                new ArrowColumn[] {labels.valueKind()},
                List.of(columns.names().get(columns.target())));
        if (header.bodyLength() > maxBodyBytes - messages.bytesRead()) {
            throw new BodyTooLargeException(maxBodyBytes);
        }
        try (ArrowBuf body = charged.allocate(header.bodyLength())) {
            messages.readBody(header, body);
            labels.dictionary(body, layout, IpcMessages.decode(index, fb::isDelta));
        }
    }

    /**
     * The index of the column {@code offset} names, or -1 when it is absent or empty.
     *
     * @throws InvalidRequestException on {@code offset} when it names no column or the target, or when no column
     *     is left for a feature
     */
    private static int offsetColumn(String offset, List<String> names, int target) {
        int column = OffsetColumn.index(offset, names, target, "the stream");
        if (column >= 0 && names.size() < 3) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "offset",
                    "leaves no column for a feature: the stream has " + names.size() + " columns, and needs at"
                            + " least one feature, the target and the offset")));
        }
        return column;
    }

    /**
     * Copies the spools into the points, the targets and the offsets, freeing each chunk once copied.
     *
     * @param roles the index of the target column, then that of the offsets (-1 for none)
     */
    private static LabeledColumns copy(
            ColumnSpool[] spools,
            List<String> names,
            int[] roles,
            LabelSpool labels,
            long rows,
            MemoryAccount account) {
        if (rows == 0) {
            throw invalid("has a schema but no rows");
        }
        int targetColumn = roles[0];
        int offsetColumn = roles[1];
        int features = names.size() - (offsetColumn < 0 ? 1 : 2);
        long cells = rows * features;
        if (cells > Integer.MAX_VALUE - 8) {
            throw invalid("has " + rows + " rows of " + features + " features, more numbers than one array holds");
        }
        account.charge(8L * (cells + (labels == null ? rows : 0) + (offsetColumn < 0 ? 0 : rows)));
        double[] x = new double[(int) cells];
        double[] y = labels == null ? new double[(int) rows] : null;
        double[] offsets = offsetColumn < 0 ? null : new double[(int) rows];
        for (int j = 0, feature = 0; j < spools.length; j++) {
            if (j == targetColumn) {
                if (labels == null) {
                    spools[j].copyTo(y, 0, 1, names.get(j));
                }
            } else if (j == offsetColumn) {
                spools[j].copyTo(offsets, 0, 1, names.get(j));
            } else {
                spools[j].copyTo(x, feature++, features, names.get(j));
            }
        }
        List<String> featureNames = new ArrayList<>(names);
        String targetName = names.get(targetColumn);
        featureNames.remove(targetName);
        String offsetName = offsetColumn < 0 ? null : names.get(offsetColumn);
        if (offsetName != null) {
            featureNames.remove(offsetName);
        }
        Targets targets = labels == null ? Targets.of(y) : Targets.labelled(labels.labels());
        return new LabeledColumns(
                new FeatureMatrix(x, (int) rows, features),
                targets,
                List.copyOf(featureNames),
                targetName,
                offsets,
                offsetName);
    }

    static String describe(byte type) {
        return switch (type) {
            case MessageHeader.Schema -> "a schema";
            case MessageHeader.DictionaryBatch -> "a dictionary batch";
            case MessageHeader.RecordBatch -> "a record batch";
            case MessageHeader.Tensor -> "a tensor";
            case MessageHeader.SparseTensor -> "a sparse tensor";
            default -> "a message of no known kind (" + type + ")";
        };
    }

    static InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(List.of(new FieldError("body", reason)));
    }

    /** A read's Arrow memory, its high-water mark charged to the request's share of the in-flight budget. */
    static final class Charged {

        /** The allocator rounds every buffer up to a multiple of this (ArrowConfig). */
        private static final long SEGMENT = 4096;

        private final BufferAllocator allocator;
        private final MemoryAccount account;
        private long charged;

        Charged(BufferAllocator allocator, MemoryAccount account) {
            this.allocator = allocator;
            this.account = account;
        }

        /** @throws dev.gradfit.memory.ServerBusyException if the budget cannot cover the memory */
        ArrowBuf allocate(long bytes) {
            long held = allocator.getAllocatedMemory() + (bytes + SEGMENT - 1) / SEGMENT * SEGMENT;
            if (held > charged) {
                account.charge(held - charged);
                charged = held;
            }
            return allocator.buffer(bytes);
        }
    }

    /**
     * Points, targets, offsets and their names, read from a table with named columns.
     *
     * @param x the points
     * @param y the targets: numbers, or class labels
     * @param featureNames the names of the columns of {@code x}
     * @param targetName the name of the target column
     * @param offset one offset per point, or {@code null} when no column was named for them
     * @param offsetName the name of the column of offsets, or {@code null}
     */
    public record LabeledColumns(
            FeatureMatrix x,
            Targets y,
            List<String> featureNames,
            String targetName,
            double[] offset,
            String offsetName) {}
}
