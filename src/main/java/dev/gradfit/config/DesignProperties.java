package dev.gradfit.config;

import dev.gradfit.design.DesignLimits;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the design a fit learns from raw rows.
 *
 * @param maxLevels the most distinct levels one categorical column may hold in the training rows
 * @param maxColumns the most columns the design may make (the intercept not counted)
 */
@Validated
@ConfigurationProperties("gradfit.design")
public record DesignProperties(
        @DefaultValue("1000") @Min(1) int maxLevels,
        @DefaultValue("10000") @Min(1) int maxColumns) {

    /** These limits as the design package takes them. */
    public DesignLimits limits() {
        return new DesignLimits(maxLevels, maxColumns);
    }
}
