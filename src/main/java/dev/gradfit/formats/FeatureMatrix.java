package dev.gradfit.formats;

import java.util.List;

/**
 * Points as the readers hand them on: the {@code x} of a request, a CSV file's or an Arrow stream's features.
 * In JSON, an array of numbers (one feature per point), an array of rows (several
 * features per point), or an array of objects keyed by feature name; held row-major in one primitive array.
 *
 * @param values {@code rows × columns} finite numbers, row-major
 * @param rows the number of points
 * @param columns the number of features per point
 * @param names for rows sent as objects, the keys of the first row in the order it gave them, which is the
 *     order of the columns of {@code values}; {@code null} for rows sent as arrays
 */
public record FeatureMatrix(double[] values, int rows, int columns, List<String> names) {

    /** Points sent as numbers or arrays. */
    public FeatureMatrix(double[] values, int rows, int columns) {
        this(values, rows, columns, null);
    }
}
