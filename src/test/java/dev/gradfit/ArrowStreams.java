package dev.gradfit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC streams written by Arrow Java itself, as a client would write them: columns of a given type, cut
 * into record batches of a given number of rows. A {@code null} in a column's values is an Arrow null.
 */
public final class ArrowStreams {

    private ArrowStreams() {}

    /** One column: its name, Arrow type and values (boxed so that a value may be {@code null}). */
    public record Column(String name, ArrowType type, List<?> values) {}

    public static Column float64(String name, double... values) {
        List<Double> boxed = new ArrayList<>();
        for (double v : values) {
            boxed.add(v);
        }
        return new Column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), boxed);
    }

    public static Column float64(String name, List<Double> values) {
        return new Column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), values);
    }

    public static Column float32(String name, float... values) {
        List<Float> boxed = new ArrayList<>();
        for (float v : values) {
            boxed.add(v);
        }
        return new Column(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), boxed);
    }

    /** An integer column of {@code bits} (8, 16, 32 or 64), signed or not. */
    public static Column integers(String name, int bits, boolean signed, long... values) {
        List<Long> boxed = new ArrayList<>();
        for (long v : values) {
            boxed.add(v);
        }
        return new Column(name, new ArrowType.Int(bits, signed), boxed);
    }

    public static Column utf8(String name, String... values) {
        return new Column(name, ArrowType.Utf8.INSTANCE, List.of(values));
    }

    public static Column largeUtf8(String name, String... values) {
        return new Column(name, ArrowType.LargeUtf8.INSTANCE, List.of(values));
    }

    /**
     * {@code stream} with the last byte of {@code text}'s UTF-8, found once in it, made 0xFF: a byte that no
     * UTF-8 text holds, at the same length, so that the offsets still hold and only the decoding can refuse it.
     */
    public static byte[] notUtf8(byte[] stream, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int found = -1;
        for (int at = 0; at + utf8.length <= stream.length; at++) {
            if (java.util.Arrays.equals(stream, at, at + utf8.length, utf8, 0, utf8.length)) {
                if (found >= 0) {
                    throw new IllegalArgumentException(text + " stands more than once in the stream");
                }
                found = at;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException(text + " is not in the stream");
        }
        byte[] corrupted = stream.clone();
        corrupted[found + utf8.length - 1] = (byte) 0xFF;
        return corrupted;
    }

    /**
     * The stream of {@code columns} with the last one, of strings, dictionary-encoded with signed indices of
     * {@code indexBits}: its dictionary, the distinct strings in the order they first come, is sent once before
     * the record batches, as Arrow Java's writer sends it.
     */
    public static byte[] writeDictionaryEncoded(int batchRows, int indexBits, Column... columns) {
        Column labels = columns[columns.length - 1];
        return writeDictionaryEncoded(
                batchRows,
                indexBits,
                labels.values().stream().map(String.class::cast).distinct().toList(),
                columns);
    }

    /**
     * The same with the dictionary given: a value of the last column that it lacks is written as the index -1,
     * as a broken writer might.
     */
    public static byte[] writeDictionaryEncoded(
            int batchRows, int indexBits, List<String> distinct, Column... columns) {
        Column labels = columns[columns.length - 1];
        DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(indexBits, true));
        int rows = labels.values().size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = new RootAllocator();
                VarCharVector values = new VarCharVector("species", allocator)) {
            fill(values, distinct);
            DictionaryProvider.MapDictionaryProvider provider =
                    new DictionaryProvider.MapDictionaryProvider(new Dictionary(values, encoding));
            List<FieldVector> vectors = new ArrayList<>();
            for (int j = 0; j < columns.length - 1; j++) {
                vectors.add(new Field(columns[j].name(), FieldType.nullable(columns[j].type()), null)
                        .createVector(allocator));
            }
            vectors.add(new FieldType(true, encoding.getIndexType(), encoding)
                    .createNewSingleVector(labels.name(), allocator, null));
            try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
                    ArrowStreamWriter writer = new ArrowStreamWriter(root, provider, Channels.newChannel(out))) {
                writer.start();
                for (int from = 0; from < rows; from += batchRows) {
                    int count = Math.min(batchRows, rows - from);
                    for (int j = 0; j < columns.length - 1; j++) {
                        fill(vectors.get(j), columns[j].values().subList(from, from + count));
                    }
                    BaseIntVector indices = (BaseIntVector) vectors.get(columns.length - 1);
                    indices.allocateNew();
                    for (int i = 0; i < count; i++) {
                        indices.setWithPossibleTruncate(
                                i, distinct.indexOf(labels.values().get(from + i)));
                    }
                    indices.setValueCount(count);
                    root.setRowCount(count);
                    writer.writeBatch();
                }
                writer.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The stream of {@code columns}, in record batches of at most {@code batchRows} rows, where each column named in
     * {@code dictionaries} is dictionary-encoded with int32 indices into the dictionary given for it (its own
     * dictionary id, sent once before the record batches); a {@code null} of such a column is a null index.
     */
    public static byte[] writeWithDictionaries(
            int batchRows, java.util.Map<String, List<String>> dictionaries, Column... columns) {
        int rows = columns[0].values().size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = new RootAllocator()) {
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
            List<FieldVector> vectors = new ArrayList<>();
            List<AutoCloseable> owned = new ArrayList<>();
            for (int j = 0; j < columns.length; j++) {
                Column column = columns[j];
                List<String> dictionary = dictionaries.get(column.name());
                if (dictionary == null) {
                    vectors.add(
                            new Field(column.name(), FieldType.nullable(column.type()), null).createVector(allocator));
                    continue;
                }
                DictionaryEncoding encoding = new DictionaryEncoding(100L + j, false, new ArrowType.Int(32, true));
                VarCharVector values = new VarCharVector(column.name() + "-dictionary", allocator);
                owned.add(values);
                fill(values, dictionary);
                provider.put(new Dictionary(values, encoding));
                vectors.add(new FieldType(true, encoding.getIndexType(), encoding)
                        .createNewSingleVector(column.name(), allocator, null));
            }
            try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
                    ArrowStreamWriter writer = new ArrowStreamWriter(root, provider, Channels.newChannel(out))) {
                writer.start();
                for (int from = 0; from < rows; from += batchRows) {
                    int count = Math.min(batchRows, rows - from);
                    for (int j = 0; j < columns.length; j++) {
                        List<?> values = columns[j].values().subList(from, from + count);
                        List<String> dictionary = dictionaries.get(columns[j].name());
                        if (dictionary == null) {
                            fill(vectors.get(j), values);
                            continue;
                        }
                        IntVector indices = (IntVector) vectors.get(j);
                        indices.allocateNew(count);
                        for (int i = 0; i < count; i++) {
                            if (values.get(i) == null) {
                                indices.setNull(i);
                            } else {
                                indices.set(i, dictionary.indexOf(values.get(i)));
                            }
                        }
                        indices.setValueCount(count);
                    }
                    root.setRowCount(count);
                    writer.writeBatch();
                }
                writer.end();
            } finally {
                for (AutoCloseable vector : owned) {
                    vector.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The stream of {@code columns}, in record batches of at most {@code batchRows} rows. */
    public static byte[] write(int batchRows, Column... columns) {
        List<Field> fields = new ArrayList<>();
        for (Column column : columns) {
            fields.add(new Field(column.name(), FieldType.nullable(column.type()), null));
        }
        int rows = columns[0].values().size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            for (int from = 0; from < rows; from += batchRows) {
                int count = Math.min(batchRows, rows - from);
                for (int j = 0; j < columns.length; j++) {
                    fill(root.getVector(j), columns[j].values().subList(from, from + count));
                }
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The stream of a schema and no record batch. */
    public static byte[] schemaOnly(Column... columns) {
        return write(
                1,
                java.util.Arrays.stream(columns)
                        .map(c -> new Column(c.name(), c.type(), List.of()))
                        .toArray(Column[]::new));
    }

    private static void fill(FieldVector vector, List<?> values) {
        vector.allocateNew();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                vector.setNull(i);
                continue;
            }
            long integer = value instanceof Number number ? number.longValue() : 0;
            if (vector instanceof Float8Vector v) {
                v.setSafe(i, ((Number) value).doubleValue());
            } else if (vector instanceof Float4Vector v) {
                v.setSafe(i, ((Number) value).floatValue());
            } else if (vector instanceof TinyIntVector v) {
                v.setSafe(i, (byte) integer);
            } else if (vector instanceof SmallIntVector v) {
                v.setSafe(i, (short) integer);
            } else if (vector instanceof IntVector v) {
                v.setSafe(i, (int) integer);
            } else if (vector instanceof BigIntVector v) {
                v.setSafe(i, integer);
            } else if (vector instanceof UInt1Vector v) {
                v.setSafe(i, (byte) integer);
            } else if (vector instanceof UInt2Vector v) {
                v.setSafe(i, (char) integer);
            } else if (vector instanceof UInt4Vector v) {
                v.setSafe(i, (int) integer);
            } else if (vector instanceof UInt8Vector v) {
                v.setSafe(i, integer);
            } else if (vector instanceof VarCharVector v) {
                v.setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
            } else if (vector instanceof LargeVarCharVector v) {
                v.setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("no writer for " + vector.getField());
            }
        }
        vector.setValueCount(values.size());
    }
}
