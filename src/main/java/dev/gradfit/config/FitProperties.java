package dev.gradfit.config;

import jakarta.validation.constraints.Min;
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
 */
@Validated
@ConfigurationProperties("gradfit.fit")
public record FitProperties(
        @DefaultValue("10000") @Min(2) int maxHistoryEntries,
        @DefaultValue("1000000") @Min(1) int maxEpochs,
        @DefaultValue("10000000") @Min(1) int maxPoints,
        @DefaultValue("1000") @Min(1) int maxFeatures) {}
