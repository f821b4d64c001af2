package dev.gradfit.formats.arrow;

import static dev.gradfit.formats.arrow.ArrowTableReader.invalid;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.DoubleChunks;
import dev.gradfit.formats.TextCells;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.NamedColumns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;

/**
 * One column of a table read from an Arrow stream, as its record batches bring it: numbers, text, or indices into a
 * dictionary of text. Each batch's values are taken while its body is held, so that the body is freed at once. A
 * null (the validity bitmap of a column that declares nulls) is a missing cell, and so is an empty string and a
 * floating-point NaN; an infinity is refused. Rows are counted from 0, over the whole stream.
 */
abstract sealed class ArrowCells {

    final String name;

    private ArrowCells(String name) {
        this.name = name;
    }

    /** Takes the cells of column {@code j} of a record batch whose first row is row {@code firstRow} of the stream. */
    abstract void append(ArrowBuf body, BatchLayout layout, int j, long firstRow);

    abstract Column build();

    /** Whether row {@code i} of column {@code j} is null: only a column that declares nulls has any. */
    static boolean isNull(ArrowBuf body, BatchLayout layout, int j, int i) {
        return layout.nullCounts()[j] > 0 && !layout.valid(body, j, i);
    }

    /** Refuses a batch whose bitmap marks other than the nulls its column declares. */
    static void checkNulls(BatchLayout layout, int j, long marked, String name) {
        if (marked != layout.nullCounts()[j]) {
            throw invalid(layout.where() + ", column " + NamedColumns.shown(name) + " declares "
                    + layout.nullCounts()[j] + " null values, but its validity buffer marks " + marked);
        }
    }

    String where(long row) {
        return "column " + NamedColumns.shown(name) + ", row " + row + ": ";
    }

    RuntimeException tooManyLevels(String where, int maxLevels) {
        return invalid(where + "the column holds more than " + maxLevels
                + " distinct values, the most a text column may hold (gradfit.design.max-levels)");
    }

    /** Numbers of any width gradfit reads, as doubles. */
    static final class Numbers extends ArrowCells {

        /** Values converted at a time, through one small array. */
        private static final int SCRATCH = 4096;

        private final ArrowColumn kind;
        private final DoubleChunks values;
        private final double[] scratch = new double[SCRATCH];

        Numbers(String name, ArrowColumn kind, MemoryAccount account) {
            super(name);
            this.kind = kind;
            this.values = new DoubleChunks(account);
        }

        @Override
        void append(ArrowBuf body, BatchLayout layout, int j, long firstRow) {
            int rows = Math.toIntExact(layout.rows());
            long start = layout.data()[j][0];
            long nulls = 0;
            for (int from = 0; from < rows; from += SCRATCH) {
                int n = Math.min(SCRATCH, rows - from);
                kind.copyValues(
                        body.slice(start + (long) from * kind.width(), (long) n * kind.width()), n, scratch, 0, 1);
                for (int i = 0; i < n; i++) {
                    double value = scratch[i];
                    if (isNull(body, layout, j, from + i)) {
                        value = Double.NaN;
                        nulls++;
                    } else if (Double.isInfinite(value)) {
                        throw invalid(where(firstRow + from + i) + value
                                + " is not a finite number; a missing value is a null");
                    }
                    values.add(value);
                }
            }
            checkNulls(layout, j, nulls, name);
        }

        @Override
        Column build() {
            return new NumericColumn(name, values.toArray());
        }
    }

    /** Text: utf8 or large_utf8 values, each distinct one kept once. */
    static final class Text extends ArrowCells {

        private final ArrowColumn kind;
        private final int maxLevels;
        private final TextCells cells;
        private final Utf8Text utf8 = new Utf8Text();

        Text(String name, ArrowColumn kind, int maxLevels, MemoryAccount account) {
            super(name);
            this.kind = kind;
            this.maxLevels = maxLevels;
            this.cells = new TextCells(name, maxLevels, account);
        }

        @Override
        void append(ArrowBuf body, BatchLayout layout, int j, long firstRow) {
            int rows = Math.toIntExact(layout.rows());
            ByteBuffer offsets = Utf8Text.offsets(body, layout, j, kind);
            long nulls = 0;
            for (int i = 0; i < rows; i++) {
                String value = null;
                if (isNull(body, layout, j, i)) {
                    nulls++;
                } else {
                    value = utf8.text(body, layout, j, kind, offsets, i, name, firstRow + i);
                }
                if (!cells.add(value == null || value.isEmpty() ? null : value)) {
                    throw tooManyLevels(where(firstRow + i), maxLevels);
                }
            }
            checkNulls(layout, j, nulls, name);
        }

        @Override
        Column build() {
            return cells.build();
        }
    }

    /**
     * Integer indices into a dictionary of text, which dictionary batches send (and delta batches extend) before
     * the record batches that use it. The column's dictionary is the stream's, in its order, where the stream's
     * has no null, empty or repeated value and is sent once; otherwise each value is mapped to its first place.
     */
    static final class Indices extends ArrowCells {

        private final ArrowColumn kind;
        private final int maxLevels;
        private final MemoryAccount account;
        private final TextCells cells;
        private int[] codeOfIndex;
        private int size;

        Indices(String name, ArrowColumn kind, int maxLevels, MemoryAccount account) {
            super(name);
            this.kind = kind;
            this.maxLevels = maxLevels;
            this.account = account;
            this.cells = new TextCells(name, maxLevels, account);
        }

        /**
         * Takes a dictionary batch's values ({@code null} for a null): the dictionary, or more of it when
         * {@code delta}.
         */
        void dictionary(String[] values, boolean delta, String where) {
            if (!delta || codeOfIndex == null) {
                size = 0;
            }
            int length = size + values.length;
            if (codeOfIndex == null || codeOfIndex.length < length) {
                account.charge(4L * length);
                int old = codeOfIndex == null ? 0 : codeOfIndex.length;
                codeOfIndex = codeOfIndex == null ? new int[length] : Arrays.copyOf(codeOfIndex, length);
                account.release(4L * old);
            }
            for (String value : values) {
                int code = value == null || value.isEmpty() ? TextColumn.MISSING : cells.intern(value);
                if (code == TextCells.OVER_LIMIT) {
                    throw tooManyLevels(where + ", column " + NamedColumns.shown(name) + ": ", maxLevels);
                }
                codeOfIndex[size++] = code;
            }
        }

        @Override
        void append(ArrowBuf body, BatchLayout layout, int j, long firstRow) {
            int rows = Math.toIntExact(layout.rows());
            if (rows > 0 && codeOfIndex == null) {
                throw invalid(layout.where() + ", column " + NamedColumns.shown(name)
                        + ": no dictionary batch came before it; a stream sends a column's dictionary before the"
                        + " record batches that use it");
            }
            ByteBuffer indices =
                    body.nioBuffer(layout.data()[j][0], rows * kind.width()).order(ByteOrder.LITTLE_ENDIAN);
            long nulls = 0;
            for (int i = 0; i < rows; i++) {
                if (isNull(body, layout, j, i)) {
                    nulls++;
                    cells.addCode(TextColumn.MISSING);
                    continue;
                }
                long index = index(indices, i);
                if (index < 0 || index >= size) {
                    throw invalid(where(firstRow + i) + "its index "
                            + (kind == ArrowColumn.UINT64 ? Long.toUnsignedString(index) : index)
                            + " lies outside its dictionary of " + size + " values");
                }
                cells.addCode(codeOfIndex[(int) index]);
            }
            checkNulls(layout, j, nulls, name);
        }

        @Override
        Column build() {
            return cells.build();
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
    }
}
