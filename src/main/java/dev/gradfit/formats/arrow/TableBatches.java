package dev.gradfit.formats.arrow;

import static dev.gradfit.formats.arrow.ArrowTableReader.invalid;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.memory.BodyTooLargeException;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.NameCheck;
import dev.gradfit.service.NamedColumns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The record batches of an Arrow stream read into a {@link Table}: each column as {@link ArrowCells}, each batch's
 * layout checked before its body is read ({@link BatchLayout}), each body freed once its cells are taken. The
 * dictionary batches of dictionary-encoded columns set their dictionaries for the record batches after them.
 */
final class TableBatches {

    private final IpcMessages messages;
    private final ArrowTableReader.Charged charged;
    private final long maxBodyBytes;
    private final int maxPoints;
    private final List<String> names;
    private final ArrowColumn[] kinds;
    private final ArrowCells[] cells;
    /** The value layout of each dictionary the schema's columns use, read or not. */
    private final Map<Long, ArrowColumn> dictionaries = new HashMap<>();
    /** The columns read that use each dictionary. */
    private final Map<Long, List<ArrowCells.Indices>> users = new HashMap<>();

    /**
     * @throws dev.gradfit.service.InvalidRequestException naming the first column whose name or type gradfit
     *     cannot take, read or not
     */
    TableBatches(
            IpcMessages messages,
            ArrowTableReader.Charged charged,
            List<Field> fields,
            TableLimits limits,
            int maxNameLength,
            long maxBodyBytes,
            int maxPoints,
            MemoryAccount account) {
        this.messages = messages;
        this.charged = charged;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
        this.names = fields.stream().map(Field::getName).toList();
        this.kinds = new ArrowColumn[fields.size()];
        this.cells = new ArrowCells[fields.size()];
        NameCheck check = new NameCheck(maxNameLength);
        for (int j = 0; j < kinds.length; j++) {
            Field field = fields.get(j);
            String name = field.getName();
            ArrowTableReader.checkName(check, name, j);
            boolean read = limits.reads(name);
            ArrowColumn text = ArrowColumn.text(field.getType());
            DictionaryEncoding encoding = field.getDictionary();
            if (encoding != null) {
                kinds[j] = text == null ? null : ArrowColumn.of(encoding.getIndexType());
                if (kinds[j] != null) {
                    dictionaries.put(encoding.getId(), text);
                    if (read) {
                        var indices = new ArrowCells.Indices(name, kinds[j], limits.maxLevels(name), account);
                        users.computeIfAbsent(encoding.getId(), id -> new ArrayList<>())
                                .add(indices);
                        cells[j] = indices;
                    }
                }
            } else if (text != null) {
                kinds[j] = text;
                cells[j] = read ? new ArrowCells.Text(name, text, limits.maxLevels(name), account) : null;
            } else {
                kinds[j] = ArrowColumn.of(field);
                cells[j] = read && kinds[j] != null ? new ArrowCells.Numbers(name, kinds[j], account) : null;
            }
            if (kinds[j] == null) {
                throw invalid("column " + NamedColumns.shown(name) + " is " + ArrowColumn.describe(field)
                        + (encoding != null && text == null ? " " + field.getType() : "")
                        + ", not numbers or text gradfit reads; columns must be float64, float32, integers of 8 to"
                        + " 64 bits, or utf8 or large_utf8, plain or dictionary-encoded");
            }
        }
    }

    /** Reads every batch; the table of the columns read, in the schema's order. */
    Table read() throws IOException {
        long rows = 0;
        int batch = 0;
        int dictionaryBatches = 0;
        for (IpcMessages.Header header; (header = messages.next()) != null; ) {
            if (header.type() == MessageHeader.DictionaryBatch && !dictionaries.isEmpty()) {
                dictionary(header, dictionaryBatches++);
                continue;
            }
            if (header.type() != MessageHeader.RecordBatch) {
                throw invalid("message " + header.index() + " is " + ArrowTableReader.describe(header.type())
                        + (header.type() == MessageHeader.DictionaryBatch
                                ? ", but no column of the stream is dictionary-encoded"
                                : ", where a record batch was expected"));
            }
            BatchLayout layout = BatchLayout.of(header, batch++, kinds, names);
            if (layout.rows() > maxPoints - rows) {
                throw invalid("has more than " + maxPoints + " rows, more than the limit of " + maxPoints);
            }
            try (ArrowBuf body = body(header)) {
                for (int j = 0; j < cells.length; j++) {
                    if (cells[j] != null) {
                        cells[j].append(body, layout, j, rows);
                    }
                }
            }
            rows += layout.rows();
        }
        if (rows == 0) {
            throw invalid("has a schema but no rows");
        }
        List<Column> columns = new ArrayList<>();
        for (ArrowCells column : cells) {
            if (column != null) {
                columns.add(column.build());
            }
        }
        return new Table(columns);
    }

    /** Reads a dictionary batch: checked as a record batch of one column of text is, its body freed once read. */
    private void dictionary(IpcMessages.Header header, int number) throws IOException {
        int index = header.index();
        String where = "dictionary batch " + number;
        DictionaryBatch fb = IpcMessages.decode(
                index, () -> (DictionaryBatch) header.message().header(new DictionaryBatch()));
        var data = fb == null ? null : IpcMessages.decode(index, fb::data);
        if (data == null) {
            throw invalid(where + " has no metadata");
        }
        long id = IpcMessages.decode(index, fb::id);
        ArrowColumn kind = dictionaries.get(id);
        if (kind == null) {
            throw invalid(where + " is for dictionary " + id + ", which no column uses; the columns use dictionaries "
                    + dictionaries.keySet());
        }
        List<ArrowCells.Indices> columns = users.getOrDefault(id, List.of());
        String name = columns.isEmpty() ? "dictionary " + id : columns.get(0).name;
        BatchLayout layout =
                BatchLayout.of(data, index, header.bodyLength(), where, new ArrowColumn[] {kind}, List.of(name));
        boolean delta = IpcMessages.decode(index, fb::isDelta);
        try (ArrowBuf body = body(header)) {
            if (columns.isEmpty()) {
                return; // the dictionary of columns not read
            }
            if (layout.rows() > Integer.MAX_VALUE / 8 - 1) {
                throw invalid(where + " has " + layout.rows() + " values, more than one dictionary holds");
            }
            int rows = (int) layout.rows();
            String[] values = new String[rows];
            ByteBuffer offsets = Utf8Text.offsets(body, layout, 0, kind);
            Utf8Text utf8 = new Utf8Text();
            for (int i = 0; i < rows; i++) {
                values[i] = layout.valid(body, 0, i) ? utf8.text(body, layout, 0, kind, offsets, i, name, i) : null;
            }
            for (ArrowCells.Indices column : columns) {
                column.dictionary(values, delta, where);
            }
        }
    }

    /** The body of {@code header}, read into Arrow memory charged to the request. */
    private ArrowBuf body(IpcMessages.Header header) throws IOException {
        if (header.bodyLength() > maxBodyBytes - messages.bytesRead()) {
            throw new BodyTooLargeException(maxBodyBytes);
        }
        ArrowBuf body = charged.allocate(header.bodyLength());
        try {
            messages.readBody(header, body);
            return body;
        } catch (IOException | RuntimeException failed) {
            body.close();
            throw failed;
        }
    }
}
