package dev.gradfit.formats.arrow;

import dev.gradfit.service.NamedColumns;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * How the values of one Arrow column become doubles: floating point as they are, integers exactly up to 2^53
 * and to the nearest double beyond. Values are read from the column's data buffer into a primitive array,
 * without a boxed value per row. {@link #UTF8} and {@link #LARGE_UTF8} are text, which only a target of class
 * labels may hold ({@link LabelSpool}), or a column of a table ({@link ArrowCells}): their width is that of an offset, and they have a third buffer.
 */
enum ArrowColumn {
    FLOAT64(8),
    FLOAT32(4),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    UTF8(4),
    LARGE_UTF8(8);

    private final int width;

    ArrowColumn(int width) {
        this.width = width;
    }

    /** Whether the column is text: validity, offsets and UTF-8 bytes. */
    boolean text() {
        return this == UTF8 || this == LARGE_UTF8;
    }

    /** The kind of a field of text, {@link #UTF8} or {@link #LARGE_UTF8}, or {@code null}. */
    static ArrowColumn text(ArrowType type) {
        return type instanceof ArrowType.Utf8 ? UTF8 : type instanceof ArrowType.LargeUtf8 ? LARGE_UTF8 : null;
    }

    /** The bytes of one value (of one offset, for text). */
    int width() {
        return width;
    }

    /** The Arrow name of the type, such as {@code float64} or {@code uint8}. */
    String typeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a field, or {@code null} when its values are not numbers gradfit reads. */
    static ArrowColumn of(Field field) {
        return field.getDictionary() != null ? null : of(field.getType());
    }

    /** The kind of values of {@code type}, or {@code null} when they are not numbers gradfit reads. */
    static ArrowColumn of(ArrowType type) {
        if (type instanceof ArrowType.FloatingPoint floating) {
            return switch (floating.getPrecision()) {
                case DOUBLE -> FLOAT64;
                case SINGLE -> FLOAT32;
                case HALF -> null;
            };
        }
        if (type instanceof ArrowType.Int integer) {
            return switch (integer.getBitWidth()) {
                case 8 -> integer.getIsSigned() ? INT8 : UINT8;
                case 16 -> integer.getIsSigned() ? INT16 : UINT16;
                case 32 -> integer.getIsSigned() ? INT32 : UINT32;
                case 64 -> integer.getIsSigned() ? INT64 : UINT64;
                default -> null;
            };
        }
        return null;
    }

    /**
     * The name of a field's type for an error, such as {@code utf8}, {@code float16} or {@code int128}: Arrow's
     * names, with the width of the types that have several.
     */
    static String describe(Field field) {
        if (field.getDictionary() != null) {
            return "dictionary-encoded";
        }
        ArrowType type = field.getType();
        if (type instanceof ArrowType.FloatingPoint floating) {
            return "float"
                    + switch (floating.getPrecision()) {
                        case HALF -> 16;
                        case SINGLE -> 32;
                        case DOUBLE -> 64;
                    };
        }
        if (type instanceof ArrowType.Int integer) {
            return (integer.getIsSigned() ? "int" : "uint") + integer.getBitWidth();
        }
        if (type instanceof ArrowType.Decimal decimal) {
            return "decimal" + decimal.getBitWidth();
        }
        return type.getTypeID().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Copies {@code rows} values of {@code data} to {@code to[start]}, {@code to[start + stride]}, ...
     *
     * @param column the column's name, for an error
     * @param firstRow the stream's row number of the first value, for an error
     * @throws dev.gradfit.service.InvalidRequestException for a value that is not finite (NaN, ±Infinity)
     */
    void copy(ArrowBuf data, int rows, double[] to, int start, int stride, String column, long firstRow) {
        copyValues(data, rows, to, start, stride);
        if (this == FLOAT64 || this == FLOAT32) {
            checkFinite(to, start, stride, rows, column, firstRow);
        }
    }

    /**
     * Copies {@code rows} values of {@code data} to {@code to[start]}, {@code to[start + stride]}, ... as they are:
     * a floating-point NaN or infinity included.
     */
    void copyValues(ArrowBuf data, int rows, double[] to, int start, int stride) {
        // Arrow streams gradfit reads are little-endian (a big-endian schema is refused).
        ByteBuffer bytes = data.nioBuffer(0, rows * width).order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case FLOAT64 -> {
                var values = bytes.asDoubleBuffer();
                if (stride == 1) {
                    values.get(0, to, start, rows);
                } else {
                    for (int i = 0, k = start; i < rows; i++, k += stride) {
                        to[k] = values.get(i);
                    }
                }
            }
            case FLOAT32 -> {
                var values = bytes.asFloatBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = values.get(i);
                }
            }
            case INT8 -> {
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = bytes.get(i);
                }
            }
            case UINT8 -> {
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = bytes.get(i) & 0xff;
                }
            }
            case INT16 -> {
                var values = bytes.asShortBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = values.get(i);
                }
            }
            case UINT16 -> {
                var values = bytes.asShortBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = values.get(i) & 0xffff;
                }
            }
            case INT32 -> {
                var values = bytes.asIntBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = values.get(i);
                }
            }
            case UINT32 -> {
                var values = bytes.asIntBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = values.get(i) & 0xffffffffL;
                }
            }
            case INT64 -> {
                var values = bytes.asLongBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = values.get(i);
                }
            }
            case UINT64 -> {
                var values = bytes.asLongBuffer();
                for (int i = 0, k = start; i < rows; i++, k += stride) {
                    to[k] = unsigned(values.get(i));
                }
            }
            case UTF8, LARGE_UTF8 -> throw new IllegalStateException("text is read as labels, not numbers");
        }
    }

    /** An unsigned 64-bit integer as the nearest double (the low bit kept as a sticky bit for the rounding). */
    static double unsigned(long value) {
        if (value >= 0) {
            return value;
        }
        return ((double) ((value >>> 1) | (value & 1))) * 2.0;
    }

    private static void checkFinite(double[] to, int start, int stride, int rows, String column, long firstRow) {
        for (int i = 0, k = start; i < rows; i++, k += stride) {
            if (!Double.isFinite(to[k])) {
                throw ArrowTableReader.invalid("column " + NamedColumns.shown(column) + ", row " + (firstRow + i) + ": "
                        + to[k] + " is not a finite number");
            }
        }
    }
}
