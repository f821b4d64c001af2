package dev.gradfit.service.hyperparameters;

import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.service.FieldError;
import java.util.List;

/** The losses by name: {@link LossSpec} ↔ {@link Loss}. */
final class Losses {

    /** The Tweedie power when none is given: the compound Poisson–Gamma middle, as in most GLM software. */
    static final double DEFAULT_TWEEDIE_POWER = 1.5;

    private Losses() {}

    static Loss of(LossSpec spec, List<FieldError> errors) {
        if (spec == null) {
            return SquaredLoss.INSTANCE;
        }
        LossSpec.Type effective = spec.type() == null ? LossSpec.Type.SQUARED : spec.type();
        if (spec.delta() != null && effective != LossSpec.Type.HUBER) {
            errors.add(new FieldError("loss.delta", "applies only to the huber loss"));
        }
        if (spec.power() != null && effective != LossSpec.Type.TWEEDIE) {
            errors.add(new FieldError("loss.power", "applies only to the tweedie loss"));
        }
        return switch (effective) {
            case SQUARED -> SquaredLoss.INSTANCE;
            case HUBER -> new HuberLoss(Given.or(spec.delta(), HuberLoss.DEFAULT_DELTA));
            case ABSOLUTE -> AbsoluteLoss.INSTANCE;
            case LOGISTIC -> LogisticLoss.INSTANCE;
            case SOFTMAX -> new SoftmaxLoss(spec.classes() == null ? 2 : spec.classes());
            case POISSON -> PoissonLoss.INSTANCE;
            case GAMMA -> GammaLoss.INSTANCE;
            case TWEEDIE -> tweedie(Given.or(spec.power(), DEFAULT_TWEEDIE_POWER), errors);
        };
    }

    /** {@link TweedieLoss#of}, its refusals as a problem with {@code loss.power}. */
    private static Loss tweedie(double power, List<FieldError> errors) {
        if (!Double.isFinite(power) || power < 0 || power > 2 || power > 0 && power < 1) {
            errors.add(new FieldError(
                    "loss.power",
                    "must be 0 (squared), 1 (poisson), 2 (gamma) or strictly between 1 and 2 (compound"
                            + " Poisson–Gamma), was " + power
                            + (power > 0 && power < 1 ? ": no Tweedie distribution has a power in (0, 1)" : "")));
            return SquaredLoss.INSTANCE;
        }
        return TweedieLoss.of(power);
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
        if (loss instanceof SoftmaxLoss softmax) {
            return new LossSpec(LossSpec.Type.SOFTMAX, null, null, softmax.classes());
        }
        if (loss instanceof PoissonLoss) {
            return new LossSpec(LossSpec.Type.POISSON, null);
        }
        if (loss instanceof GammaLoss) {
            return new LossSpec(LossSpec.Type.GAMMA, null);
        }
        if (loss instanceof TweedieLoss tweedie) {
            return new LossSpec(LossSpec.Type.TWEEDIE, null, tweedie.power());
        }
        return new LossSpec(LossSpec.Type.SQUARED, null);
    }
}
