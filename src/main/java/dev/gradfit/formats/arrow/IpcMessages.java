package dev.gradfit.formats.arrow;

import static dev.gradfit.formats.arrow.ArrowTableReader.invalid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.memory.ArrowBuf;

/**
 * The encapsulated messages of an Arrow IPC stream, read straight from a request body: a length prefix (after
 * the continuation marker 0xFFFFFFFF, or alone as older writers make it), the FlatBuffers metadata, then the
 * body. A stream ends with a zero length, or by closing between two messages. Every fault is refused in
 * gradfit's words, naming the message (counted from 0, the schema being message 0): a prefix or a body cut
 * short, metadata longer than {@link #MAX_METADATA} (four bytes of garbage must not ask for 2 GB), metadata
 * that is not a FlatBuffers message, a metadata version other than V4 and V5, a negative body length.
 */
final class IpcMessages {

    /** Largest message metadata read: far more than the schema of the most columns gradfit takes. */
    static final int MAX_METADATA = 16 << 20;

    private static final int CONTINUATION = -1;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private long bytesRead;
    private int count;

    /** One message's metadata; its body, {@code bodyLength} bytes, follows in the stream. */
    record Header(int index, Message message, byte type, long bodyLength) {}

    IpcMessages(InputStream in) {
        this.in = in;
    }

    /** The bytes of the stream read so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** The next message's metadata, or {@code null} at the end of the stream. */
    Header next() throws IOException {
        int index = count;
        byte[] prefix = new byte[4];
        int n = read(prefix, 4);
        if (n == 0) {
            return null;
        }
        if (n < 4) {
            throw cut("the length prefix of message " + index);
        }
        int length = littleEndian(prefix);
        if (length == CONTINUATION) {
            if (read(prefix, 4) < 4) {
                throw cut("the length prefix of message " + index);
            }
            length = littleEndian(prefix);
        }
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > MAX_METADATA) {
            throw malformed("message " + index + " declares " + Integer.toUnsignedString(length)
                    + " bytes of metadata, more than " + MAX_METADATA);
        }
        byte[] metadata = new byte[length];
        if (read(metadata, length) < length) {
            throw cut("the metadata of message " + index);
        }
        count++;
        Message message = decode(index, () -> Message.getRootAsMessage(ByteBuffer.wrap(metadata)));
        short version = decode(index, message::version);
        byte type = decode(index, message::headerType);
        long bodyLength = decode(index, message::bodyLength);
        if (version != MetadataVersion.V4 && version != MetadataVersion.V5) {
            throw malformed("message " + index + " is written in Arrow metadata version " + versionName(version)
                    + "; gradfit reads V4 and V5, what Arrow writers have made since 2017");
        }
        if (bodyLength < 0) {
            throw malformed("message " + index + " declares a body of " + bodyLength + " bytes");
        }
        return new Header(index, message, type, bodyLength);
    }

    /** Reads the body of {@code header} into {@code body}, which holds at least its length. */
    void readBody(Header header, ArrowBuf body) throws IOException {
        long length = header.bodyLength();
        long at = 0;
        while (at < length) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - at));
            if (n < 0) {
                throw cut("the body of message " + header.index() + ", after " + at + " of its " + length + " bytes");
            }
            body.setBytes(at, chunk, 0, n);
            at += n;
            bytesRead += n;
        }
    }

    /**
     * Reads a part of the metadata of message {@code index}. FlatBuffers follows the offsets it finds without
     * checking them: an offset that points outside the metadata fails here, in any of several ways.
     */
    static <T> T decode(int index, Supplier<T> part) {
        try {
            return part.get();
        } catch (dev.gradfit.service.InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed("the metadata of message " + index
                    + " is not an Arrow message: it points outside its own bytes or holds a value of no known kind");
        }
    }

    /** A fault of the stream's framing, said as such: the client may have sent something else entirely. */
    static dev.gradfit.service.InvalidRequestException malformed(String reason) {
        return invalid("is not a valid Arrow IPC stream: " + reason);
    }

    private static dev.gradfit.service.InvalidRequestException cut(String where) {
        return invalid("is not a valid Arrow IPC stream (truncated): it ends inside " + where);
    }

    private int read(byte[] into, int length) throws IOException {
        int at = 0;
        while (at < length) {
            int n = in.read(into, at, length - at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        bytesRead += at;
        return at;
    }

    private static int littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    private static String versionName(short version) {
        return version >= 0 && version < MetadataVersion.names.length
                ? MetadataVersion.names[version]
                : "number " + version;
    }
}
