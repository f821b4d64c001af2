package dev.gradfit.service.hyperparameters;

import dev.gradfit.service.FieldError;
import java.util.List;

/** What every family of settings shares: defaults, and settings that apply only to some types. */
final class Given {

    private Given() {}

    /** Adds an error on {@code family.field} when it was given but does not apply to the chosen type. */
    static void refuse(
            String family, Object value, String field, boolean refused, String reason, List<FieldError> errors) {
        if (value != null && refused) {
            errors.add(new FieldError(family + "." + field, reason));
        }
    }

    /** {@code value}, or {@code fallback} when it was not given. */
    static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    /** {@code value}, or {@code fallback} when it was not given. */
    static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
