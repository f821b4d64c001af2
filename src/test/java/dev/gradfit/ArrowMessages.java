package dev.gradfit;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC streams made message by message, for the streams no Arrow writer makes: a record batch whose
 * metadata is written by hand (its row count, field nodes, buffers, body length, compression and version as
 * the test says), after the schema Arrow Java writes. A body is the bytes given, padded to 8.
 */
public final class ArrowMessages {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ArrowMessages() {}

    /** A stream that starts with the schema of float64 columns with these names. */
    public static ArrowMessages float64Schema(String... names) {
        return schema(java.util.Arrays.stream(names)
                .map(n -> new Field(
                        n, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null))
                .toList());
    }

    /** A stream that starts with the schema of columns of these types, named x, y, then c2, c3, ... */
    public static ArrowMessages schema(ArrowType... types) {
        List<Field> fields = new java.util.ArrayList<>();
        for (int j = 0; j < types.length; j++) {
            String name = j == 0 ? "x" : j == 1 ? "y" : "c" + j;
            fields.add(new Field(name, FieldType.nullable(types[j]), null));
        }
        return schema(fields);
    }

    private static ArrowMessages schema(List<Field> fields) {
        ArrowMessages stream = new ArrowMessages();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(stream.out)), new Schema(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream;
    }

    /** One record batch's metadata, as written in its message. */
    public record Batch(
            long length,
            long[][] nodes,
            long[][] buffers,
            long bodyLength,
            byte[] body,
            Byte compression,
            short version,
            boolean variadicCounts) {

        /** A batch whose body length is the body's, padded to 8, as writers make it. */
        public Batch(long length, long[][] nodes, long[][] buffers, byte[] body) {
            this(length, nodes, buffers, padded(body.length), body, null, MetadataVersion.V5, false);
        }

        public Batch withBodyLength(long bodyLength) {
            return new Batch(length, nodes, buffers, bodyLength, body, compression, version, variadicCounts);
        }

        public Batch withCompression(byte codec) {
            return new Batch(length, nodes, buffers, bodyLength, body, codec, version, variadicCounts);
        }

        public Batch withVersion(short version) {
            return new Batch(length, nodes, buffers, bodyLength, body, compression, version, variadicCounts);
        }

        public Batch withVariadicCounts() {
            return new Batch(length, nodes, buffers, bodyLength, body, compression, version, true);
        }
    }

    /**
     * The well-formed batch of two float64 columns with {@code x} and {@code y}: a validity bitmap of 8 bytes
     * and the values of each column, one after the other.
     */
    public static Batch twoColumns(double[] x, double[] y) {
        int rows = x.length;
        int bitmap = padded((rows + 7) / 8);
        int data = padded(8 * rows);
        ByteBuffer body = ByteBuffer.allocate(2 * (bitmap + data)).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] column : new double[][] {x, y}) {
            int start = body.position();
            for (int i = 0; i < rows; i++) {
                body.put(start + i / 8, (byte) (body.get(start + i / 8) | (1 << (i % 8))));
            }
            body.position(start + bitmap);
            for (double v : column) {
                body.putDouble(v);
            }
            body.position(start + bitmap + data);
        }
        long[][] nodes = {{rows, 0}, {rows, 0}};
        long[][] buffers = {{0, bitmap}, {bitmap, 8L * rows}, {bitmap + data, bitmap}, {2L * bitmap + data, 8L * rows}};
        return new Batch(rows, nodes, buffers, body.array());
    }

    public ArrowMessages batch(Batch batch) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        RecordBatch.startNodesVector(b, batch.nodes().length);
        for (int i = batch.nodes().length - 1; i >= 0; i--) {
            FieldNode.createFieldNode(b, batch.nodes()[i][0], batch.nodes()[i][1]);
        }
        int nodes = b.endVector();
        RecordBatch.startBuffersVector(b, batch.buffers().length);
        for (int i = batch.buffers().length - 1; i >= 0; i--) {
            Buffer.createBuffer(b, batch.buffers()[i][0], batch.buffers()[i][1]);
        }
        int buffers = b.endVector();
        int compression = batch.compression() == null
                ? 0
                : BodyCompression.createBodyCompression(b, batch.compression(), (byte) 0);
        int variadic = batch.variadicCounts() ? RecordBatch.createVariadicBufferCountsVector(b, new long[] {1}) : 0;
        RecordBatch.startRecordBatch(b);
        RecordBatch.addLength(b, batch.length());
        RecordBatch.addNodes(b, nodes);
        RecordBatch.addBuffers(b, buffers);
        if (compression != 0) {
            RecordBatch.addCompression(b, compression);
        }
        if (variadic != 0) {
            RecordBatch.addVariadicBufferCounts(b, variadic);
        }
        int header = RecordBatch.endRecordBatch(b);
        return message(b, MessageHeader.RecordBatch, header, batch.version(), batch.bodyLength(), batch.body());
    }

    /** A dictionary batch of id 0 carrying {@code batch}. */
    public ArrowMessages dictionaryBatch(Batch batch) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        RecordBatch.startRecordBatch(b);
        RecordBatch.addLength(b, batch.length());
        int data = RecordBatch.endRecordBatch(b);
        int header = DictionaryBatch.createDictionaryBatch(b, 0, data, false);
        return message(b, MessageHeader.DictionaryBatch, header, MetadataVersion.V5, batch.bodyLength(), batch.body());
    }

    /** A message of {@code type} with an empty header table. */
    public ArrowMessages other(byte type) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        RecordBatch.startRecordBatch(b);
        int header = RecordBatch.endRecordBatch(b);
        return message(b, type, header, MetadataVersion.V5, 0, new byte[0]);
    }

    private ArrowMessages message(
            FlatBufferBuilder b, byte type, int header, short version, long bodyLength, byte[] body) {
        Message.startMessage(b);
        Message.addVersion(b, version);
        Message.addHeaderType(b, type);
        Message.addHeader(b, header);
        Message.addBodyLength(b, bodyLength);
        b.finish(Message.endMessage(b));
        byte[] metadata = b.sizedByteArray();
        int length = padded(metadata.length);
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putInt(-1).putInt(length);
        out.writeBytes(prefix.array());
        out.writeBytes(metadata);
        out.writeBytes(new byte[length - metadata.length]);
        out.writeBytes(body);
        out.writeBytes(new byte[padded(body.length) - body.length]);
        return this;
    }

    /** The stream, closed with the end-of-stream marker. */
    public byte[] end() {
        ByteBuffer marker = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        marker.putInt(-1).putInt(0);
        out.writeBytes(marker.array());
        return out.toByteArray();
    }

    static int padded(int length) {
        return (length + 7) & ~7;
    }
}
