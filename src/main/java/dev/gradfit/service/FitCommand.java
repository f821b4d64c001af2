package dev.gradfit.service;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.Classes;
import dev.gradfit.model.ModelDesign;
import java.util.List;
import java.util.UUID;

/**
 * A fit to run, already checked against the request rules and the configured limits on its size.
 *
 * @param data the points, targets, sample weights and offsets
 * @param hyperparameters the settings, with the initial weights (the parent's when continuing a model)
 * @param standardize whether descent runs on z-scored features
 * @param parentId the model this fit continues, or {@code null} for a fresh fit
 * @param featureNames one name per feature for the model to keep, or {@code null} for none
 * @param targetName the name of the target for the model to keep, or {@code null} for none
 * @param classes what the class indices in the data's targets stand for, for a classifier; {@code null} for a
 *     regression
 * @param design the design that made the data's features of raw rows, kept with the model; {@code null} for a fit
 *     of x
 */
public record FitCommand(
        Dataset data,
        Hyperparameters hyperparameters,
        boolean standardize,
        UUID parentId,
        List<String> featureNames,
        String targetName,
        Classes classes,
        ModelDesign design) {

    public FitCommand {
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
    }

    /** A fit without names. */
    public FitCommand(Dataset data, Hyperparameters hyperparameters, boolean standardize, UUID parentId) {
        this(data, hyperparameters, standardize, parentId, null, null);
    }

    /** A fit whose classes, if any, are a logistic model's 0 and 1. */
    public FitCommand(
            Dataset data,
            Hyperparameters hyperparameters,
            boolean standardize,
            UUID parentId,
            List<String> featureNames,
            String targetName) {
        this(data, hyperparameters, standardize, parentId, featureNames, targetName, null);
    }

    /** A fit of numbers given as such, without a design. */
    public FitCommand(
            Dataset data,
            Hyperparameters hyperparameters,
            boolean standardize,
            UUID parentId,
            List<String> featureNames,
            String targetName,
            Classes classes) {
        this(data, hyperparameters, standardize, parentId, featureNames, targetName, classes, null);
    }

    /**
     * The bytes of the data's arrays (points, targets, sample weights, offsets): what the command holds while it
     * waits.
     */
    public long dataBytes() {
        long values = (long) data.rows() * (data.columns() + 1)
                + (data.isWeighted() ? data.rows() : 0)
                + (data.hasOffsets() ? data.rows() : 0);
        return 8 * values;
    }
}
