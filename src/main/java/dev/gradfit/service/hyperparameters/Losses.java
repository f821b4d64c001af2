package dev.gradfit.service.hyperparameters;

import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.service.FieldError;
import java.util.List;

/** The losses by name: {@link LossSpec} ↔ {@link Loss}. */
final class Losses {

    private Losses() {}

    static Loss of(LossSpec spec, List<FieldError> errors) {
        if (spec == null) {
            return SquaredLoss.INSTANCE;
        }
        LossSpec.Type effective = spec.type() == null ? LossSpec.Type.SQUARED : spec.type();
        if (spec.delta() != null && effective != LossSpec.Type.HUBER) {
            errors.add(new FieldError("loss.delta", "applies only to the huber loss"));
        }
        return switch (effective) {
            case SQUARED -> SquaredLoss.INSTANCE;
            case HUBER -> new HuberLoss(Given.or(spec.delta(), HuberLoss.DEFAULT_DELTA));
            case ABSOLUTE -> AbsoluteLoss.INSTANCE;
            case LOGISTIC -> LogisticLoss.INSTANCE;
        };
    }

    /** The name and settings of {@code loss}. */
    static LossSpec spec(Loss loss) {
        if (loss instanceof HuberLoss huber) {
            return new LossSpec(LossSpec.Type.HUBER, huber.delta());
        }
        if (loss instanceof AbsoluteLoss) {
            return new LossSpec(LossSpec.Type.ABSOLUTE, null);
        }
        if (loss instanceof LogisticLoss) {
            return new LossSpec(LossSpec.Type.LOGISTIC, null);
        }
        return new LossSpec(LossSpec.Type.SQUARED, null);
    }
}
