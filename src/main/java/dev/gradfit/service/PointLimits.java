package dev.gradfit.service;

import dev.gradfit.config.FitProperties;
import java.util.List;

/** The configured limits on the points of one request, shared by fits and predictions. */
public final class PointLimits {

    private PointLimits() {}

    /** Adds an error to {@code errors} for points that are missing or more than the limits allow. */
    public static void check(String field, int rows, int features, FitProperties limits, List<FieldError> errors) {
        if (rows == 0) {
            errors.add(new FieldError(field, "must not be empty"));
        } else if (rows > limits.maxPoints()) {
            errors.add(new FieldError(field, "has " + rows + " points, more than the limit of " + limits.maxPoints()));
        }
        if (features > limits.maxFeatures()) {
            errors.add(new FieldError(
                    field, "has " + features + " features, more than the limit of " + limits.maxFeatures()));
        }
    }
}
