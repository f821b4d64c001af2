package dev.gradfit.formats.arrow;

import static dev.gradfit.formats.arrow.ArrowTableReader.invalid;

import dev.gradfit.formats.LabelColumn;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.NamedColumns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The target column when it holds class labels: utf8 or large_utf8 values, or integer indices into a dictionary
 * of them. Each record batch's labels are read while its body is held, into Strings shared by equal labels
 * ({@link LabelColumn}), so that the body is freed at once, as the spools of numbers free theirs. Dictionary
 * batches set the dictionary (or, delta batches, extend it) for the record batches after them, as the Arrow IPC
 * stream format has it. A null, an empty label, offsets out of order or outside the batch's text, bytes that
 * are not UTF-8 and an index outside the dictionary are refused, naming the column and the row.
 */
final class LabelSpool {

    private final String column;
    private final ArrowColumn kind;
    private final ArrowColumn valueKind;
    private final long dictionaryId;
    private final MemoryAccount account;
    private final LabelColumn labels;
    private final Utf8Text utf8 = new Utf8Text();
    private String[] dictionary;
    private int dictionarySize;
    private long dictionaryBytes;

    private LabelSpool(
            String column, ArrowColumn kind, ArrowColumn valueKind, long dictionaryId, MemoryAccount account) {
        this.column = column;
        this.kind = kind;
        this.valueKind = valueKind;
        this.dictionaryId = dictionaryId;
        this.account = account;
        this.labels = new LabelColumn(account);
    }

    /** The labels of {@code field}, or {@code null} when it is not text or a dictionary of text. */
    static LabelSpool of(Field field, MemoryAccount account) {
        ArrowColumn text = ArrowColumn.text(field.getType());
        DictionaryEncoding encoding = field.getDictionary();
        if (text == null) {
            return null;
        }
        if (encoding == null) {
            return new LabelSpool(field.getName(), text, null, -1, account);
        }
        ArrowColumn indices = ArrowColumn.of(encoding.getIndexType());
        return indices == null ? null : new LabelSpool(field.getName(), indices, text, encoding.getId(), account);
    }

    /** The layout of the column in a record batch: text, or integer indices. */
    ArrowColumn kind() {
        return kind;
    }

    /** The layout of the dictionary's values, or {@code null} when the column is not dictionary-encoded. */
    ArrowColumn valueKind() {
        return valueKind;
    }

    long dictionaryId() {
        return dictionaryId;
    }

    /**
     * Reads the labels of column {@code j} of a record batch, whose nulls were refused already.
     *
     * @param firstRow the stream's row number of the batch's first row, for an error
     */
    void append(ArrowBuf body, BatchLayout layout, int j, long firstRow) {
        int rows = Math.toIntExact(layout.rows());
        if (valueKind == null) {
            ByteBuffer offsets = offsets(body, layout, j);
            for (int i = 0; i < rows; i++) {
                labels.add(nonEmpty(text(body, layout, j, offsets, i, firstRow + i), firstRow + i));
            }
            return;
        }
        if (rows > 0 && dictionary == null) {
            throw invalid(layout.where() + ", column " + NamedColumns.shown(column)
                    + ": no dictionary batch came before it; a stream sends a column's dictionary before the record"
                    + " batches that use it");
        }
        ByteBuffer indices =
                body.nioBuffer(layout.data()[j][0], rows * kind.width()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows; i++) {
            long index = index(indices, i);
            if (index < 0 || index >= dictionarySize) {
                throw invalid(where(firstRow + i) + "its index "
                        + (kind == ArrowColumn.UINT64 ? Long.toUnsignedString(index) : index)
                        + " lies outside its dictionary of " + dictionarySize + " values");
            }
            String label = dictionary[(int) index];
            if (label == null) {
                throw invalid(where(firstRow + i) + "the value is null (in its dictionary)");
            }
            labels.add(nonEmpty(label, firstRow + i));
        }
    }

    /**
     * Reads a dictionary batch's values: the dictionary, or more of it when {@code delta}. Its nulls and empty
     * labels are kept, and refused only where a record batch uses them.
     */
    void dictionary(ArrowBuf body, BatchLayout layout, boolean delta) {
        if (!delta || dictionary == null) {
            account.release(dictionaryBytes);
            dictionaryBytes = 0;
            dictionary = null;
            dictionarySize = 0;
        }
        // Offsets of 8 bytes for every value must fit one buffer view of at most 2^31 bytes.
        if (layout.rows() > Integer.MAX_VALUE / 8 - 1 - dictionarySize) {
            throw invalid(layout.where() + " has " + layout.rows() + " values, more than one dictionary holds");
        }
        int rows = (int) layout.rows();
        long bytes = LabelColumn.REFERENCE_BYTES * rows;
        account.charge(bytes);
        dictionaryBytes += bytes;
        dictionary = dictionary == null ? new String[rows] : Arrays.copyOf(dictionary, dictionarySize + rows);
        ByteBuffer offsets = offsets(body, layout, 0);
        for (int i = 0; i < rows; i++) {
            String value = layout.valid(body, 0, i) ? text(body, layout, 0, offsets, i, i) : null;
            if (value != null) {
                long heap = LabelColumn.LABEL_OVERHEAD_BYTES + 2L * value.length();
                account.charge(heap);
                dictionaryBytes += heap;
            }
            dictionary[dictionarySize++] = value;
        }
    }

    /** The labels, one per row of the stream. */
    String[] labels() {
        account.release(dictionaryBytes);
        dictionaryBytes = 0;
        dictionary = null;
        return labels.toArray();
    }

    /**
     * The text of row {@code i} of column {@code j}, its offsets checked against the batch's text.
     *
     * @param row the row as an error names it: of the stream, or of the dictionary
     */
    private String text(ArrowBuf body, BatchLayout layout, int j, ByteBuffer offsets, int i, long row) {
        return utf8.text(body, layout, j, textKind(), offsets, i, column, row);
    }

    /** The offsets of column {@code j} of a batch of text, one more than its rows (none when it has none). */
    private ByteBuffer offsets(ArrowBuf body, BatchLayout layout, int j) {
        return Utf8Text.offsets(body, layout, j, textKind());
    }

    /** The layout of the text: the column's own, or its dictionary's values. */
    private ArrowColumn textKind() {
        return valueKind == null ? kind : valueKind;
    }

    /** Index {@code i} of the buffer; an unsigned 64-bit index beyond 2^63 comes out negative. */
    private long index(ByteBuffer indices, int i) {
        return switch (kind) {
            case INT8 -> indices.get(i);
            case UINT8 -> indices.get(i) & 0xff;
            case INT16 -> indices.getShort(2 * i);
            case UINT16 -> indices.getShort(2 * i) & 0xffff;
            case INT32 -> indices.getInt(4 * i);
            case UINT32 -> indices.getInt(4 * i) & 0xffffffffL;
            case INT64, UINT64 -> indices.getLong(8 * i);
            default -> throw new IllegalStateException(kind + " is not an integer");
        };
    }

    private String nonEmpty(String label, long row) {
        if (label.isEmpty()) {
            throw invalid(where(row) + "the label is empty; a label needs at least one character");
        }
        return label;
    }

    private String where(long row) {
        return "column " + NamedColumns.shown(column) + ", row " + row + ": ";
    }
}
