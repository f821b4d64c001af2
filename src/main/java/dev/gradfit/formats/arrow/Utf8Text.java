package dev.gradfit.formats.arrow;

import static dev.gradfit.formats.arrow.ArrowTableReader.invalid;

import dev.gradfit.service.NamedColumns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;

/**
 * The text of a column of utf8 or large_utf8, its offsets checked against the batch's bytes and its bytes decoded
 * strictly: offsets out of order or outside the batch's text, and bytes that are not UTF-8, are refused, naming the
 * column and the row. One decoder, so one instance per reader; not thread-safe.
 */
final class Utf8Text {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The offsets of column {@code j}, one more than its rows (none when it has none). */
    static ByteBuffer offsets(ArrowBuf body, BatchLayout layout, int j, ArrowColumn kind) {
        long rows = layout.rows();
        return body.nioBuffer(layout.data()[j][0], rows == 0 ? 0 : Math.toIntExact((rows + 1) * kind.width()))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The text of row {@code i}; {@code row} is the row an error names (of the stream, or of a dictionary). */
    String text(
            ArrowBuf body,
            BatchLayout layout,
            int j,
            ArrowColumn kind,
            ByteBuffer offsets,
            int i,
            String column,
            long row) {
        long start = kind == ArrowColumn.UTF8 ? offsets.getInt(4 * i) : offsets.getLong(8 * i);
        long end = kind == ArrowColumn.UTF8 ? offsets.getInt(4 * (i + 1)) : offsets.getLong(8 * (i + 1));
        long length = layout.bytes()[j][1];
        if (start < 0 || end < start || end > length) {
            throw invalid(layout.where() + ", column " + NamedColumns.shown(column) + ", row " + row
                    + ": its offsets " + start + " to " + end + " do not lie in order within the " + length
                    + " bytes of its text");
        }
        byte[] utf = new byte[Math.toIntExact(end - start)];
        body.getBytes(layout.bytes()[j][0] + start, utf);
        try {
            return decoder.decode(ByteBuffer.wrap(utf)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw invalid(layout.where() + ", column " + NamedColumns.shown(column) + ", row " + row
                    + ": the text is not UTF-8");
        }
    }
}
