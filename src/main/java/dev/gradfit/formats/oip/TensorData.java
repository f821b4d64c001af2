package dev.gradfit.formats.oip;

import java.util.List;

/**
 * The {@code data} of an input tensor, flattened in row-major order: numbers, or strings (the protocol's BYTES in
 * JSON) held as dictionary codes; a JSON {@code null} is a missing element, {@code NaN} among numbers and
 * {@code -1} among codes. Which of them a tensor may hold is for its reader to say.
 *
 * @param values every element as a number, {@code NaN} for a null; {@code null} when the elements are strings. A
 *     tensor of nulls only is numbers, every one missing
 * @param codes every element as an index into {@code dictionary}, {@code -1} for a null; {@code null} when the
 *     elements are numbers
 * @param dictionary the distinct strings in order of first sight; empty for numbers
 * @param nestedShape the lengths of the nested arrays at each depth ({@code [rows, columns]} for {@code
 *     [[1, 2], [3, 4], [5, 6]]}), or a single length for a flat array
 * @param integral whether every number was written as a JSON integer
 * @param firstNull the position of the first null, or {@code -1} when there is none
 * @param outsideLong whether an integer was written outside the range of a signed 64-bit integer, which its double
 *     may not show: 9223372036854775808 and 9223372036854775807 are the same double
 * @param aboveUnsignedLong whether an integer was written above 2<sup>64</sup> − 1, the largest unsigned 64-bit
 *     integer
 */
public record TensorData(
        double[] values,
        int[] codes,
        List<String> dictionary,
        long[] nestedShape,
        boolean integral,
        int firstNull,
        boolean outsideLong,
        boolean aboveUnsignedLong) {

    public TensorData {
        if ((values == null) == (codes == null)) {
            throw new IllegalArgumentException("a tensor holds either numbers or strings");
        }
        dictionary = List.copyOf(dictionary);
    }

    /** Numbers without a null. */
    public TensorData(double[] values, long[] nestedShape, boolean integral) {
        this(values, null, List.of(), nestedShape, integral, -1, false, false);
    }

    /** Whether the data came as arrays of arrays rather than one flat array. */
    public boolean nested() {
        return nestedShape.length > 1;
    }

    /** Whether the elements are strings rather than numbers. */
    public boolean text() {
        return codes != null;
    }

    /** The number of elements, nulls included. */
    public int size() {
        return text() ? codes.length : values.length;
    }
}
