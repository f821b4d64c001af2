package dev.gradfit.formats.arrow;

import static dev.gradfit.formats.arrow.ArrowTableReader.invalid;

import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Where the values of each column of one record batch lie in its body, checked against the batch's schema and
 * its body length before a byte of the body is read. The rules are the Arrow IPC format's for the columns
 * gradfit reads (one field node and two buffers, validity then values, per fixed-width column; see
 * arrow.apache.org/docs/format/Columnar.html): the row count is not negative and is every field node's
 * length; a null count lies between 0 and the rows; every buffer starts at a multiple of 8 and lies inside
 * the declared body; a validity buffer, unless empty with no nulls, holds a bit per row; a value buffer holds
 * a value per row; the batch is not compressed and has no variadic buffers. A column of text has three
 * buffers, validity, offsets (one more than the rows, unless there are none) and the UTF-8 bytes, whose
 * offsets are checked as they are read ({@link LabelSpool}). A buffer may not reach past the declared body even
 * where the memory holding it is longer: those bytes are not this request's.
 *
 * @param where the batch, for an error: {@code record batch 3}, {@code dictionary batch 0}
 * @param rows the batch's row count
 * @param nullCounts each column's declared null count
 * @param validity each column's validity buffer as {offset, length}
 * @param data each column's value buffer (offsets, for text) as {offset, length}
 * @param bytes each column of text's UTF-8 buffer as {offset, length}; {@code null} for the others
 */
record BatchLayout(String where, long rows, long[] nullCounts, long[][] validity, long[][] data, long[][] bytes) {

    /**
     * @throws InvalidRequestException naming the batch ({@code batch}, counted from 0), the column and the fault
     */
    static BatchLayout of(IpcMessages.Header header, int batch, ArrowColumn[] kinds, List<String> names) {
        int index = header.index();
        RecordBatch fb =
                IpcMessages.decode(index, () -> (RecordBatch) header.message().header(new RecordBatch()));
        if (fb == null) {
            throw invalid("record batch " + batch + " has no metadata");
        }
        return of(fb, index, header.bodyLength(), "record batch " + batch, kinds, names);
    }

    /**
     * The layout of the record batch {@code fb} of message {@code index}, a record batch or a dictionary batch's
     * values, named {@code where} in an error.
     */
    static BatchLayout of(
            RecordBatch fb, int index, long bodyLength, String where, ArrowColumn[] kinds, List<String> names) {
        long rows = IpcMessages.decode(index, fb::length);
        int nodes = IpcMessages.decode(index, fb::nodesLength);
        int buffers = IpcMessages.decode(index, fb::buffersLength);
        int expected = 0;
        for (ArrowColumn kind : kinds) {
            expected += kind.text() ? 3 : 2;
        }
        if (rows < 0) {
            throw invalid(where + " declares " + rows + " rows");
        }
        if (nodes != kinds.length) {
            throw invalid(where + " has " + nodes + " field nodes; its " + kinds.length + " columns need "
                    + kinds.length + ", one each");
        }
        if (buffers != expected) {
            throw invalid(where + " has " + buffers + " buffers; its " + kinds.length + " columns need " + expected
                    + ", a validity and a value buffer each"
                    + (expected > 2 * kinds.length ? ", and a buffer of UTF-8 bytes for text" : ""));
        }
        var compression = IpcMessages.decode(index, fb::compression);
        if (compression != null) {
            byte codec = IpcMessages.decode(index, compression::codec);
            String name =
                    codec == CompressionType.ZSTD ? "zstd" : codec == CompressionType.LZ4_FRAME ? "lz4" : "" + codec;
            throw invalid(where + " is compressed (" + name + "); gradfit reads uncompressed record batches only");
        }
        if (IpcMessages.decode(index, fb::variadicBufferCountsLength) != 0) {
            throw invalid(where + " declares variadic buffers, which none of its columns has");
        }
        long[] nullCounts = new long[kinds.length];
        long[][] validity = new long[kinds.length][];
        long[][] data = new long[kinds.length][];
        long[][] bytes = new long[kinds.length][];
        for (int j = 0, b = 0; j < kinds.length; j++) {
            int column = j;
            String at = where + ", column " + NamedColumns.shown(names.get(j));
            var node = IpcMessages.decode(index, () -> fb.nodes(column));
            long length = IpcMessages.decode(index, node::length);
            long nulls = IpcMessages.decode(index, node::nullCount);
            if (length != rows) {
                throw invalid(at + ": its field node has " + length + " rows, the batch " + rows
                        + "; every column has the batch's rows");
            }
            if (nulls < 0) {
                throw invalid(at + ": its null count " + nulls + " is negative");
            }
            if (nulls > rows) {
                throw invalid(at + ": its null count " + nulls + " is more than its " + rows + " rows");
            }
            validity[j] = buffer(index, fb, b++, "validity", at, bodyLength);
            data[j] = buffer(index, fb, b++, kinds[j].text() ? "offsets" : "data", at, bodyLength);
            if (kinds[j].text()) {
                bytes[j] = buffer(index, fb, b++, "UTF-8", at, bodyLength);
            }
            long bitmapBytes = rows / 8 + (rows % 8 == 0 ? 0 : 1);
            if ((validity[j][1] > 0 || nulls > 0) && validity[j][1] < bitmapBytes) {
                throw invalid(at + ": its validity buffer holds " + validity[j][1] + " bytes, too few for " + rows
                        + " rows (" + bitmapBytes + " bytes)");
            }
            int width = kinds[j].width();
            if (kinds[j].text()) {
                if (rows > 0 && data[j][1] / width - 1 < rows) {
                    throw invalid(at + ": its offsets buffer holds " + data[j][1] + " bytes, too few for " + rows
                            + " rows (" + exact(rows).add(BigInteger.ONE).multiply(exact(width)) + " bytes)");
                }
            } else if (data[j][1] / width < rows) {
                throw invalid(at + ": its data buffer holds " + data[j][1] + " bytes, too few for " + rows + " "
                        + kinds[j].typeName() + " values (" + exact(rows).multiply(exact(width)) + " bytes)");
            }
            nullCounts[j] = nulls;
        }
        return new BatchLayout(where, rows, nullCounts, validity, data, bytes);
    }

    private static long[] buffer(int index, RecordBatch fb, int i, String kind, String at, long bodyLength) {
        var buffer = IpcMessages.decode(index, () -> fb.buffers(i));
        long offset = IpcMessages.decode(index, buffer::offset);
        long length = IpcMessages.decode(index, buffer::length);
        if (offset < 0) {
            throw invalid(at + ": its " + kind + " buffer starts at " + offset + ", before the batch's body");
        }
        if (length < 0) {
            throw invalid(at + ": its " + kind + " buffer is " + length + " bytes long");
        }
        if (offset % 8 != 0) {
            throw invalid(at + ": its " + kind + " buffer starts at " + offset
                    + ", not at a multiple of 8 as the Arrow IPC format aligns buffers");
        }
        if (offset > bodyLength || length > bodyLength - offset) {
            throw invalid(at + ": its " + kind + " buffer (bytes " + offset + " to "
                    + exact(offset).add(exact(length)) + ") lies outside the batch's body of " + bodyLength + " bytes");
        }
        return new long[] {offset, length};
    }

    /**
     * A value of the metadata as a number to compute a message with: a hostile batch declares offsets, lengths
     * and rows near {@code Long.MAX_VALUE}, whose sums and products a {@code long} would wrap. The checks
     * themselves compare before they add or multiply.
     */
    private static BigInteger exact(long value) {
        return BigInteger.valueOf(value);
    }

    /** Whether row {@code i} of column {@code j} holds a value (is not marked null). */
    boolean valid(ArrowBuf body, int j, long i) {
        return validity[j][1] == 0 || (body.getByte(validity[j][0] + i / 8) & (1 << (i % 8))) != 0;
    }

    /**
     * The first row of column {@code j} that the validity buffer marks null, or -1 when none is; a column
     * that declares nulls must mark them.
     */
    long firstNull(ArrowBuf body, int j, String name) {
        if (validity[j][1] == 0) {
            return -1;
        }
        long start = validity[j][0];
        for (long i = 0; i < rows; i += 8) {
            int bits = body.getByte(start + i / 8) & 0xff;
            int wanted = rows - i >= 8 ? 0xff : (1 << (rows - i)) - 1;
            if ((bits & wanted) != wanted) {
                return i + Integer.numberOfTrailingZeros(~bits & wanted);
            }
        }
        if (nullCounts[j] > 0) {
            throw invalid(where + ", column " + NamedColumns.shown(name) + " declares " + nullCounts[j]
                    + " null values, but its validity buffer marks none");
        }
        return -1;
    }
}
