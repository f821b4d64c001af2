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
 * @param maxWork the most work one fit may ask for, counted as points × (features + 1) × (epochs + 1):
 *     each epoch touches every feature of every point and the intercept, and one more pass computes the
 *     final cost
 * @param maxDuration the longest a fit may run; a fit still running then stops after its current epoch
 *     and returns the weights it has reached, with the number of epochs it ran
 */
@Validated
@ConfigurationProperties("gradfit.fit")
public record FitProperties(
        @DefaultValue("10000") @Min(2) int maxHistoryEntries,
        @DefaultValue("1000000") @Min(1) int maxEpochs,
        @DefaultValue("10000000") @Min(1) int maxPoints,
        @DefaultValue("1000") @Min(1) int maxFeatures,
        @DefaultValue("10000000000") @Min(1) long maxWork,
        @DefaultValue("60s") Duration maxDuration) {

    /** The work a fit of this shape asks for, as {@link #maxWork} counts it; never overflows. */
    public static long work(long points, long features, long epochs) {
        try {
            return Math.multiplyExact(Math.multiplyExact(points, features + 1), epochs + 1);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
