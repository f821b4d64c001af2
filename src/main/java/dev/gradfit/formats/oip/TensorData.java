package dev.gradfit.formats.oip;

/**
 * The {@code data} of an input tensor, flattened in row-major order.
 *
 * @param values every element, finite, in row-major order
 * @param nestedShape the lengths of the nested arrays at each depth ({@code [rows, columns]} for {@code
 *     [[1, 2], [3, 4], [5, 6]]}), or a single length for a flat array
 * @param integral whether every element was written as a JSON integer
 */
public record TensorData(double[] values, long[] nestedShape, boolean integral) {

    /** Whether the data came as arrays of arrays rather than one flat array. */
    public boolean nested() {
        return nestedShape.length > 1;
    }
}
