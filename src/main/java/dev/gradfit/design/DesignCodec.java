package dev.gradfit.design;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary encoding of a {@link Design}, versioned so that a stored model outlives a change of it.
 *
 * <p>Version 1, big-endian as {@link DataOutput} writes: a byte {@code 1}; the intercept (boolean); unknownLevels
 * and missing (their names); the variables (an int count, then for each: its column, whether categorical, the mean
 * (double), the fill level (int), the levels (an int count and each)); the indicator columns (an int count and
 * each); the blocks (an int count, then for each its parts: an int count, then variable (int), power (int), full
 * (boolean)). Text is an int byte count and UTF-8, since {@code writeUTF} stops at 64 KB. The column names are not
 * written: they follow from the rest.
 */
final class DesignCodec {

    static final int VERSION = 1;

    /** More than any design within the limits holds, so that corrupt counts fail fast instead of allocating. */
    private static final int MOST = 1 << 24;

    private DesignCodec() {}

    static void write(Design design, DataOutput out) throws IOException {
        out.writeByte(VERSION);
        out.writeBoolean(design.intercept());
        writeText(out, design.unknownLevels().name());
        writeText(out, design.missing().name());
        out.writeInt(design.variables().size());
        for (Variable variable : design.variables()) {
            writeText(out, variable.column());
            out.writeBoolean(variable.categorical());
            out.writeDouble(variable.mean());
            out.writeInt(variable.fillLevel());
            out.writeInt(variable.levels().size());
            for (String level : variable.levels()) {
                writeText(out, level);
            }
        }
        out.writeInt(design.indicators().size());
        for (String column : design.indicators()) {
            writeText(out, column);
        }
        out.writeInt(design.blocks().size());
        for (Block block : design.blocks()) {
            out.writeInt(block.factors().size());
            for (Block.Part part : block.factors()) {
                out.writeInt(part.variable());
                out.writeInt(part.power());
                out.writeBoolean(part.full());
            }
        }
    }

    static Design read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("unknown design encoding version " + version);
        }
        try {
            boolean intercept = in.readBoolean();
            UnknownLevels unknownLevels = UnknownLevels.valueOf(readText(in));
            Missing missing = Missing.valueOf(readText(in));
            List<Variable> variables = new ArrayList<>();
            for (int v = count(in); v > 0; v--) {
                String column = readText(in);
                boolean categorical = in.readBoolean();
                double mean = in.readDouble();
                int fillLevel = in.readInt();
                List<String> levels = new ArrayList<>();
                for (int l = count(in); l > 0; l--) {
                    levels.add(readText(in));
                }
                variables.add(new Variable(column, categorical, levels, mean, fillLevel));
            }
            List<String> indicators = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                indicators.add(readText(in));
            }
            List<Block> blocks = new ArrayList<>();
            for (int b = count(in); b > 0; b--) {
                List<Block.Part> parts = new ArrayList<>();
                for (int p = count(in); p > 0; p--) {
                    int variable = in.readInt();
                    int power = in.readInt();
                    boolean full = in.readBoolean();
                    if (variable < 0 || variable >= variables.size() || power < 1) {
                        throw new IOException("a design block names variable " + variable + " to power " + power);
                    }
                    parts.add(new Block.Part(variable, power, full));
                }
                blocks.add(new Block(parts));
            }
            return new Design(variables, blocks, indicators, intercept, unknownLevels, missing);
        } catch (IllegalArgumentException | DesignException e) {
            throw new IOException("not a design: " + e.getMessage(), e);
        }
    }

    private static int count(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MOST) {
            throw new IOException("a design count of " + count);
        }
        return count;
    }

    private static void writeText(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInput in) throws IOException {
        byte[] bytes = new byte[count(in)];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
