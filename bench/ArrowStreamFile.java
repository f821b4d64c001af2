import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes an Arrow IPC stream of two float64 columns, x and y, in record batches of BATCH rows, from two
 * files of little-endian doubles (numpy's {@code tofile}), as pyarrow's {@code ipc.new_stream} would.
 *
 * <pre>java -cp ARROW_CLASSPATH bench/ArrowStreamFile.java X.f64 Y.f64 OUT.arrows [BATCH]</pre>
 */
public final class ArrowStreamFile {

    public static void main(String[] args) throws Exception {
        double[] x = doubles(Path.of(args[0]));
        double[] y = doubles(Path.of(args[1]));
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 65_536;
        try (BufferAllocator allocator = new RootAllocator();
                Float8Vector xs = new Float8Vector("x", allocator);
                Float8Vector ys = new Float8Vector("y", allocator);
                VectorSchemaRoot root = new VectorSchemaRoot(List.of(xs, ys));
                FileOutputStream out = new FileOutputStream(args[2]);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out.getChannel())) {
            writer.start();
            for (int from = 0; from < x.length; from += batch) {
                int count = Math.min(batch, x.length - from);
                xs.allocateNew(count);
                ys.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    xs.set(i, x[from + i]);
                    ys.set(i, y[from + i]);
                }
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        }
    }

    private static double[] doubles(Path file) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[bytes.remaining() / 8];
        bytes.asDoubleBuffer().get(values);
        return values;
    }
}
