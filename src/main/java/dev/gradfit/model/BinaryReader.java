package dev.gradfit.model;

import dev.gradfit.fitting.core.Weights;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads what {@link BinaryWriter} wrote, in the same order. Every length is checked against the bytes
 * left before anything is allocated, so corrupt input fails with a {@link DecodingException} rather than
 * an attempt to allocate gigabytes.
 */
public final class BinaryReader {

    private final ByteBuffer in;

    public BinaryReader(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    /** An unsigned byte, 0 to 255. */
    public int readByte() {
        try {
            return Byte.toUnsignedInt(in.get());
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new DecodingException("a boolean byte is " + value + " at offset " + (in.position() - 1));
        }
        return value == 1;
    }

    public int readInt() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public long readLong() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public double[] readDoubles() {
        int length = readCount(Double.BYTES);
        double[] values = new double[length];
        in.asDoubleBuffer().get(values);
        in.position(in.position() + Double.BYTES * length);
        return values;
    }

    /** Values {@link BinaryWriter#writeInts} wrote. */
    public int[] readInts() {
        int length = readCount(Integer.BYTES);
        int[] values = new int[length];
        in.asIntBuffer().get(values);
        in.position(in.position() + Integer.BYTES * length);
        return values;
    }

    /** Bytes {@link BinaryWriter#writeBytes} wrote. */
    public byte[] readBytes() {
        byte[] values = new byte[readCount(1)];
        in.get(values);
        return values;
    }

    public String readString() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        checkCount(length, 1);
        ByteBuffer utf8 = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(utf8)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodingException("a string is not valid UTF-8", e);
        }
    }

    public UUID readUuid() {
        return new UUID(readLong(), readLong());
    }

    public Weights readWeights() {
        double intercept = readDouble();
        return new Weights(intercept, readDoubles());
    }

    public Weights readOptionalWeights() {
        return readBoolean() ? readWeights() : null;
    }

    /**
     * The weights {@link BinaryWriter#writeWeightRows} wrote: a count of outputs, then each output.
     *
     * @throws DecodingException if there are no outputs or they differ in their number of coefficients
     */
    public Weights readWeightRows() {
        // each output is an intercept and a coefficient count: 12 bytes at the least
        int outputs = readCount(Double.BYTES + Integer.BYTES);
        if (outputs == 0) {
            throw new DecodingException("weights of 0 outputs");
        }
        double[] intercepts = new double[outputs];
        double[][] coefficients = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            intercepts[k] = readDouble();
            coefficients[k] = readDoubles();
            if (coefficients[k].length != coefficients[0].length) {
                throw new DecodingException("output " + k + " of the weights has " + coefficients[k].length
                        + " coefficients, output 0 has " + coefficients[0].length);
            }
        }
        return outputs == 1 ? new Weights(intercepts[0], coefficients[0]) : Weights.ofRows(intercepts, coefficients);
    }

    public Weights readOptionalWeightRows() {
        return readBoolean() ? readWeightRows() : null;
    }

    /**
     * A count of items that take at least {@code minBytesEach} bytes each, checked against the bytes left.
     */
    public int readCount(int minBytesEach) {
        int count = readInt();
        checkCount(count, minBytesEach);
        return count;
    }

    /** @throws DecodingException if bytes are left over: the value is longer than its encoding says */
    public void expectEnd() {
        if (in.hasRemaining()) {
            throw new DecodingException(in.remaining() + " bytes left over after the value");
        }
    }

    private void checkCount(int count, int minBytesEach) {
        if (count < 0 || (long) count * minBytesEach > in.remaining()) {
            throw new DecodingException("a length of " + count + " at offset " + (in.position() - Integer.BYTES)
                    + " does not fit the " + in.remaining() + " bytes left");
        }
    }

    private DecodingException truncated() {
        return new DecodingException("the value ends early, at offset " + in.position());
    }

    /** The classes {@link BinaryWriter#writeClasses} wrote, or {@code null}. */
    public Classes readClasses() {
        int kind = readByte();
        return switch (kind) {
            case 0 -> null;
            case 1 -> Classes.ofNumbers(readDoubles());
            case 2 -> {
                // each name is a length and its bytes: 4 bytes at the least
                int count = readCount(4);
                java.util.List<String> names = new java.util.ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    String name = readString();
                    if (name == null) {
                        throw new DecodingException("class name " + k + " is null");
                    }
                    names.add(name);
                }
                yield Classes.ofNames(names);
            }
            default -> throw new DecodingException("unknown kind of classes " + kind);
        };
    }
}
