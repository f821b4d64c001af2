package dev.gradfit.model;

import dev.gradfit.design.Coding;
import dev.gradfit.design.Design;
import java.util.Objects;

/**
 * How a model turns raw rows into its features: the design learned from the training rows, and what the fit
 * said of it.
 *
 * @param design the learned design, applied to the raw rows of every prediction
 * @param formula the formula it was compiled from, or {@code null} for the JSON form
 * @param coding how its categorical columns are coded (the design applies it; kept to report it)
 * @param droppedRows the training rows dropped for a missing cell or target (missing = skip); 0 otherwise
 */
public record ModelDesign(Design design, String formula, Coding coding, int droppedRows) {

    public ModelDesign {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(coding, "coding");
        if (droppedRows < 0) {
            throw new IllegalArgumentException("droppedRows must not be negative, was " + droppedRows);
        }
    }
}
