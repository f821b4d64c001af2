package dev.gradfit.api.request;

import dev.gradfit.design.table.Table;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.service.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /api/v1/models/{id}/predictions}. */
public record PredictionRequest(
        @Schema(
                description = "Points to predict, shaped like the x of the fit; for a model fitted from rows, send rows"
                        + " instead.",
                example = "[6, 7, 10]")
        FeatureMatrix x,

        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax(value = "1", inclusive = false)
        // No defaultValue: a client that sends every declared default would have it refused for linear models.
        @Schema(
                description = "Logistic models only: a point is labelled 1 when its probability is at least"
                        + " this; 0 < threshold < 1. 0.5 when absent.")
        Double threshold,

        @Schema(
                description = "poisson, gamma and tweedie models only: one finite number per point of x added to"
                        + " its score, so that the prediction is exp(score + offset), as the fit's offset (the log"
                        + " of each point's exposure). All 0 when absent.",
                example = "[6.1, 6.3, 6.5]")
        double[] offset,

        @Schema(
                description = "A model fitted from rows (one with a design): the raw rows to predict, objects keyed by"
                        + " column name as the fit's rows were, the target left out. The model applies its design:"
                        + " levels are coded as learned, an unseen level follows its unknownLevels (error: a 400"
                        + " naming rows[i].column and the level; ignore: all its 0/1 columns 0), and a missing cell"
                        + " is filled as learned under mean or indicator, or refused (a 400 naming rows[i].column)"
                        + " under refuse or skip. Refused for a model fitted from x.",
                example = "[{\"size\": 80, \"city\": \"Paris\"}, {\"size\": 40, \"city\": \"Lyon\"}]")
        Table rows) {

    /** A body of points without offsets. */
    public PredictionRequest(FeatureMatrix x, Double threshold) {
        this(x, threshold, null, null);
    }

    /** A body of points. */
    public PredictionRequest(FeatureMatrix x, Double threshold, double[] offset) {
        this(x, threshold, offset, null);
    }

    /**
     * What Bean Validation finds in this body by the annotations above, in its words, found without its
     * machinery: a single-value prediction costs a few microseconds, and validating it by reflection was a
     * noticeable part of them. {@code PredictionRequestTest} holds the two to the same answers.
     */
    public List<FieldError> violations() {
        List<FieldError> errors = new ArrayList<>(0);
        if (threshold != null) {
            if (!(threshold > 0)) {
                errors.add(new FieldError("threshold", "must be greater than 0"));
            } else if (!(threshold < 1)) {
                errors.add(new FieldError("threshold", "must be less than 1"));
            }
        }
        if (offset != null) {
            for (int i = 0; i < offset.length; i++) {
                if (!Double.isFinite(offset[i])) {
                    errors.add(new FieldError("offset[" + i + "]", "must be a finite number"));
                    break;
                }
            }
        }
        return errors;
    }
}
