package dev.gradfit.web;

import java.util.StringJoiner;

/** Fit request bodies for tests. */
public final class FitBodies {

    private FitBodies() {}

    /**
     * {@code rows} points of {@code features} features in [0, 1), spread deterministically, with
     * {@code y} = 1 + the row's sum: a fit whose every epoch costs about {@code (features + 1)²}
     * multiply-adds however few the rows, so that many features make a slow fit from a small body.
     */
    public static String wide(int rows, int features, int epochs, double learningRate) {
        StringJoiner x = new StringJoiner(",", "[", "]");
        StringJoiner y = new StringJoiner(",", "[", "]");
        for (int i = 0; i < rows; i++) {
            StringJoiner row = new StringJoiner(",", "[", "]");
            double sum = 1;
            for (int j = 0; j < features; j++) {
                double value = ((i * 7919L + j * 104729L) % 1000) / 1000.0;
                row.add(Double.toString(value));
                sum += value;
            }
            x.add(row.toString());
            y.add(Double.toString(sum));
        }
        return "{\"x\":" + x + ",\"y\":" + y + ",\"learningRate\":" + learningRate + ",\"epochs\":" + epochs + "}";
    }
}
