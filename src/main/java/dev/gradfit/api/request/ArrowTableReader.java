package dev.gradfit.api.request;

import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import dev.gradfit.web.RequestMemory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Reads an Apache Arrow IPC stream (a schema, then record batches) into the points and targets of a fit.
 *
 * <p>Every column holds numbers (float64, float32, signed or unsigned integers of 8 to 64 bits), without
 * nulls; the target is the column named {@code target}, the last one by default, and the others are the
 * features, in the schema's order, named by their fields. The batches are kept in Arrow memory as they
 * arrive (charged to the request, as the body they are), then copied column by column straight into two
 * primitive arrays of the exact size, and each batch is freed once copied. Rows are counted from 0 across
 * batches. Every refusal is an {@link InvalidRequestException} on the field {@code body}; nothing of the
 * stream stays allocated, whatever happens.
 */
public final class ArrowTableReader {

    /** The media type of the Arrow IPC stream format. */
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";

    /** About the heap one kept column vector takes beside its Arrow memory. */
    private static final int VECTOR_HEAP = 512;

    private final BufferAllocator memory;
    private final long maxStreamBytes;
    private final int maxPoints;
    private final int maxColumns;
    private final int maxNameLength;

    /**
     * @param memory the allocator each read takes a child of
     * @param maxStreamBytes the most Arrow memory one read may hold
     * @param maxPoints the most rows
     * @param maxColumns the most columns, target included
     * @param maxNameLength the most characters in one column name
     */
    public ArrowTableReader(
            BufferAllocator memory, long maxStreamBytes, int maxPoints, int maxColumns, int maxNameLength) {
        this.memory = memory;
        this.maxStreamBytes = maxStreamBytes;
        this.maxPoints = maxPoints;
        this.maxColumns = maxColumns;
        this.maxNameLength = maxNameLength;
    }

    /**
     * @param target the name of the target column, or {@code null} or empty for the last column
     * @throws InvalidRequestException for the first problem found, naming the column and the row
     */
    public LabeledColumns read(InputStream in, String target) throws IOException {
        try (BufferAllocator allocator = memory.newChildAllocator("arrow-fit", 0, maxStreamBytes)) {
            GuardedChannel channel = new GuardedChannel(in);
            List<FieldVector[]> batches = new ArrayList<>();
            ArrowStreamReader reader = new ArrowStreamReader(new MessageChannelReader(channel, allocator), allocator);
            try {
                return read(reader, channel, allocator, batches, target);
            } finally {
                for (FieldVector[] batch : batches) {
                    close(batch);
                }
                // The servlet's stream stays open (the channel does not close it): the body filter reads
                // what is left of a refused body.
                reader.close(false);
                channel.releaseLeftovers();
            }
        }
    }

    private LabeledColumns read(
            ArrowStreamReader reader,
            GuardedChannel channel,
            BufferAllocator allocator,
            List<FieldVector[]> batches,
            String target)
            throws IOException {
        VectorSchemaRoot root;
        try {
            root = reader.getVectorSchemaRoot();
        } catch (IOException | RuntimeException e) {
            throw malformed(e, channel);
        }
        List<Field> fields = root.getSchema().getFields();
        ArrowColumn[] kinds = kinds(fields);
        List<String> names = fields.stream().map(Field::getName).toList();
        int targetColumn = target == null || target.isEmpty() ? names.size() - 1 : names.indexOf(target);
        if (targetColumn < 0) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "target", "names no column of the stream; its columns are " + String.join(", ", names))));
        }
        long rows = 0;
        long charged = 0;
        while (next(reader, channel)) {
            int count = root.getRowCount();
            if (count == 0) {
                continue;
            }
            if (rows + count > maxPoints) {
                throw invalid("has more than " + maxPoints + " rows, more than the limit of " + maxPoints
                        + " points (gradfit.fit.max-points)");
            }
            FieldVector[] kept = new FieldVector[names.size()];
            batches.add(kept);
            for (int j = 0; j < kept.length; j++) {
                FieldVector vector = root.getVector(j);
                if (vector.getNullCount() > 0) {
                    throw invalid("column " + NamedColumns.shown(names.get(j)) + ", row " + (rows + firstNull(vector))
                            + ": the value is null");
                }
                TransferPair move = vector.getTransferPair(allocator);
                move.transfer();
                kept[j] = (FieldVector) move.getTo();
            }
            rows += count;
            // The batch's Arrow memory, and the heap of the vectors that hold it (many tiny batches).
            long held = allocator.getAllocatedMemory() + (long) VECTOR_HEAP * kept.length * batches.size();
            if (held > charged) {
                RequestMemory.charge(held - charged);
                charged = held;
            }
        }
        if (rows == 0) {
            throw invalid("has a schema but no rows");
        }
        return copy(batches, kinds, names, targetColumn, (int) rows);
    }

    private ArrowColumn[] kinds(List<Field> fields) {
        if (fields.size() > maxColumns) {
            throw invalid("has " + fields.size() + " columns, more than the limit of " + maxColumns
                    + " (gradfit.fit.max-features and the target)");
        }
        if (fields.size() < 2) {
            throw invalid("has " + fields.size() + " column; it needs at least one feature and the target");
        }
        ArrowColumn[] kinds = new ArrowColumn[fields.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < kinds.length; j++) {
            Field field = fields.get(j);
            String name = field.getName();
            if (name == null || name.isBlank()) {
                throw invalid("column " + (j + 1) + " has no name; every column needs one");
            }
            if (name.length() > maxNameLength) {
                throw invalid("column " + (j + 1) + "'s name is " + name.length()
                        + " characters long, more than the limit of " + maxNameLength);
            }
            Integer earlier = seen.putIfAbsent(name, j);
            if (earlier != null) {
                throw invalid("column " + (j + 1) + "'s name " + NamedColumns.shown(name) + " repeats column "
                        + (earlier + 1) + "; names must be unique");
            }
            kinds[j] = ArrowColumn.of(field);
            if (kinds[j] == null) {
                throw invalid("column " + NamedColumns.shown(name) + " is " + ArrowColumn.describe(field)
                        + ", not numbers; columns must be float64, float32 or integers");
            }
        }
        return kinds;
    }

    private static boolean next(ArrowStreamReader reader, GuardedChannel channel) {
        try {
            return reader.loadNextBatch();
        } catch (IOException | RuntimeException e) {
            throw malformed(e, channel);
        }
    }

    /** Copies the kept batches into the points and the targets, freeing each batch once copied. */
    private static LabeledColumns copy(
            List<FieldVector[]> batches, ArrowColumn[] kinds, List<String> names, int targetColumn, int rows) {
        int features = names.size() - 1;
        long cells = (long) rows * features;
        if (cells > Integer.MAX_VALUE - 8) {
            throw invalid("has " + rows + " rows of " + features + " features, more numbers than one array holds");
        }
        RequestMemory.charge(8L * (cells + rows));
        double[] x = new double[(int) cells];
        double[] y = new double[rows];
        int row = 0;
        for (int b = 0; b < batches.size(); b++) {
            FieldVector[] batch = batches.get(b);
            int count = batch[0].getValueCount();
            for (int j = 0, feature = 0; j < batch.length; j++) {
                if (j == targetColumn) {
                    kinds[j].copy(batch[j].getDataBuffer(), count, y, row, 1, names.get(j), row);
                } else {
                    kinds[j].copy(
                            batch[j].getDataBuffer(), count, x, row * features + feature, features, names.get(j), row);
                    feature++;
                }
            }
            close(batch);
            row += count;
        }
        List<String> featureNames = new ArrayList<>(names);
        String targetName = featureNames.remove(targetColumn);
        return new LabeledColumns(new FeatureMatrix(x, rows, features), y, List.copyOf(featureNames), targetName);
    }

    private static int firstNull(FieldVector vector) {
        for (int i = 0; i < vector.getValueCount(); i++) {
            if (vector.isNull(i)) {
                return i;
            }
        }
        return 0;
    }

    private static void close(FieldVector[] batch) {
        for (int j = 0; j < batch.length; j++) {
            if (batch[j] != null) {
                batch[j].close();
                batch[j] = null;
            }
        }
    }

    /** Arrow's own failure to read the stream, as a client error that does not quote the body. */
    private static InvalidRequestException malformed(Exception e, GuardedChannel channel) {
        if (e instanceof InvalidRequestException
                || e instanceof dev.gradfit.web.ServerBusyException
                || e instanceof dev.gradfit.web.BodyTooLargeException
                || e instanceof dev.gradfit.web.BodyReadTimeoutException) {
            throw (RuntimeException) e;
        }
        if (channel.bytesRead() == 0) {
            return invalid("is empty; it needs an Arrow IPC stream: a schema, then record batches");
        }
        if (e instanceof OutOfMemoryException) {
            return invalid("needs more Arrow memory than a body of gradfit.http.max-body-size may: a record batch"
                    + " declares more bytes than that, or the stream has very many small record batches");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().findFirst().orElse("");
        return invalid("is not a valid Arrow IPC stream (truncated or malformed): "
                + (first.length() > 200 ? first.substring(0, 200) : first));
    }

    static InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(List.of(new FieldError("body", reason)));
    }

    /**
     * Points, targets and their names, read from a table with named columns.
     *
     * @param x the points
     * @param y the targets
     * @param featureNames the names of the columns of {@code x}
     * @param targetName the name of the target column
     */
    public record LabeledColumns(FeatureMatrix x, double[] y, List<String> featureNames, String targetName) {}
}
