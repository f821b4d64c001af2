package dev.gradfit.formats.csv;

import dev.gradfit.design.table.Table;

/**
 * A fit's file as read: points and targets when every feature cell was a number, else a table of raw columns for a
 * design. Exactly one of the two is present.
 *
 * @param points the file as numbers, or {@code null}
 * @param rows the file as a table, or {@code null}
 */
public record CsvUpload(CsvTable points, Table rows) {

    public CsvUpload {
        if ((points == null) == (rows == null)) {
            throw new IllegalArgumentException("a file is read as points or as rows, one of the two");
        }
    }
}
