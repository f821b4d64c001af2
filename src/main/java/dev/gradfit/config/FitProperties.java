package dev.gradfit.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one fit may ask for.
 *
 * @param maxHistoryEntries the most cost-history entries a response holds; longer fits are sampled at a
 *     fixed stride
 * @param maxEpochs the most epochs a request may ask for
 * @param maxPoints the most rows (points) a fit or prediction request may carry
 * @param maxFeatures the most features per row
 * @param maxWork the most arithmetic one fit may ask for, in multiply-adds, counted as the fit really
 *     costs (see {@code dev.gradfit.fitting.train.WorkEstimate}): for the default squared loss on the full batch
 *     points × (features + 1)² once plus (epochs + 1) × (features + 1)², otherwise points × (features + 1)
 *     × (epochs + 1)
 * @param maxDuration the longest a fit may run; a fit still running then stops after its current epoch
 *     (stop reason TIME_BUDGET) and returns the weights it has reached, with the number of epochs it ran
 * @param maxFeatureNameLength the most characters in one feature or target name
 * @param maxSnapshotValues the most weights one fit's snapshots may hold together: distinct snapshotEpochs ×
 *     (features + 1). A model's response repeats every one of them, so this bounds its size (about 25 bytes
 *     of JSON each)
 * @param maxClasses the most classes a classifier's target may hold
 */
@Validated
@ConfigurationProperties("gradfit.fit")
public record FitProperties(
        @DefaultValue("10000") @Min(2) int maxHistoryEntries,
        @DefaultValue("1000000") @Min(1) int maxEpochs,
        @DefaultValue("10000000") @Min(1) int maxPoints,
        @DefaultValue("1000") @Min(1) int maxFeatures,
        @DefaultValue("10000000000") @Min(1) long maxWork,
        @DefaultValue("60s") Duration maxDuration,
        @DefaultValue("200") @Min(1) int maxFeatureNameLength,
        @DefaultValue("100000") @Min(1) int maxSnapshotValues,
        @DefaultValue("1000") @Min(2) int maxClasses) {}
