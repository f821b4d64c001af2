package dev.gradfit.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a model keeps for its plots, and how large a plot may be drawn.
 *
 * @param samplePoints the most training points a model keeps to draw (a seeded random sample of larger
 *     fits; wide rows keep fewer, at most {@link dev.gradfit.model.TrainingSample#MAX_VALUES} feature values
 *     and at least {@link dev.gradfit.model.TrainingSample#MIN_ROWS} rows); each costs 8 bytes per feature
 *     plus 8 in the store (plus 8 more for its offset, when the fit had offsets), counted against its max-bytes.
 *     0 keeps none, and the fit plot of such a model is refused
 * @param maxSize the largest width or height of a plot, in pixels
 */
@Validated
@ConfigurationProperties("gradfit.plots")
public record PlotProperties(
        @DefaultValue("2000") @Min(0) @Max(1_000_000) int samplePoints,

        @DefaultValue("4000") @Min(PlotProperties.MIN_SIZE) @Max(20_000)
        int maxSize) {

    /** The smallest width or height of a plot, in pixels: below it the labels do not fit. */
    public static final int MIN_SIZE = 200;

    /** The defaults: 2000 points, plots up to 4000 pixels. */
    public static PlotProperties defaults() {
        return new PlotProperties(2000, 4000);
    }
}
