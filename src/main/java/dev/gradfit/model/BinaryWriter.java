package dev.gradfit.model;

import dev.gradfit.fitting.core.Weights;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes the primitives of gradfit's binary encodings: big-endian integers, doubles as their raw IEEE 754
 * bits (so NaN payloads and −0.0 survive), arrays and strings prefixed by their length. {@link
 * BinaryReader} reads them back in the same order.
 */
public final class BinaryWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

    public BinaryWriter writeByte(int value) {
        bytes.write(value);
        return this;
    }

    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public BinaryWriter writeInt(int value) {
        bytes.write(scratch.clear().putInt(value).array(), 0, Integer.BYTES);
        return this;
    }

    public BinaryWriter writeLong(long value) {
        bytes.write(scratch.clear().putLong(value).array(), 0, Long.BYTES);
        return this;
    }

    public BinaryWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    /** The length, then every value. */
    public BinaryWriter writeDoubles(double[] values) {
        writeInt(values.length);
        ByteBuffer block = ByteBuffer.allocate(Double.BYTES * values.length);
        block.asDoubleBuffer().put(values);
        bytes.write(block.array(), 0, block.capacity());
        return this;
    }

    /** The length, then every value. */
    public BinaryWriter writeInts(int[] values) {
        writeInt(values.length);
        ByteBuffer block = ByteBuffer.allocate(Integer.BYTES * values.length);
        block.asIntBuffer().put(values);
        bytes.write(block.array(), 0, block.capacity());
        return this;
    }

    /** The length, then the bytes. */
    public BinaryWriter writeBytes(byte[] values) {
        writeInt(values.length);
        bytes.write(values, 0, values.length);
        return this;
    }

    /** {@code -1} for null, else the length in bytes and the UTF-8 bytes. */
    public BinaryWriter writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        bytes.write(utf8, 0, utf8.length);
        return this;
    }

    public BinaryWriter writeUuid(UUID value) {
        return writeLong(value.getMostSignificantBits()).writeLong(value.getLeastSignificantBits());
    }

    /**
     * The intercept, then the coefficients: the layout of a single output, which every gradfit reads.
     *
     * @throws IllegalStateException if {@code weights} has more than one output; see {@link #writeWeightRows}
     */
    public BinaryWriter writeWeights(Weights weights) {
        return writeDouble(weights.intercept()).writeDoubles(weights.coefficients());
    }

    /**
     * Weights of any number of outputs {@code K}: {@code K} as an int, then each output as {@link #writeWeights}
     * writes one (its intercept, then its coefficients). One output is the int 1 followed by the single-output
     * layout.
     */
    public BinaryWriter writeWeightRows(Weights weights) {
        writeInt(weights.outputs());
        for (int k = 0; k < weights.outputs(); k++) {
            writeDouble(weights.intercept(k)).writeDoubles(weights.coefficients(k));
        }
        return this;
    }

    /** Whether {@code weights} is there, then the weights if it is, as {@link #writeWeightRows} writes them. */
    public BinaryWriter writeOptionalWeightRows(Weights weights) {
        writeBoolean(weights != null);
        return weights == null ? this : writeWeightRows(weights);
    }

    /** Whether {@code weights} is there, then the weights if it is. */
    public BinaryWriter writeOptionalWeights(Weights weights) {
        writeBoolean(weights != null);
        return weights == null ? this : writeWeights(weights);
    }

    /** The bytes written so far. */
    public int size() {
        return bytes.size();
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** A classifier's classes: a kind byte (0 none, 1 numbers, 2 names), then the numbers or a count and the names. */
    public BinaryWriter writeClasses(Classes classes) {
        if (classes == null) {
            return writeByte(0);
        }
        if (classes.named()) {
            writeByte(2).writeInt(classes.count());
            classes.names().forEach(this::writeString);
            return this;
        }
        return writeByte(1).writeDoubles(classes.numbers());
    }
}
