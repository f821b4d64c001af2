package dev.gradfit.service.hyperparameters;

import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.RmsProp;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.hyperparameters.OptimizerSpec.Type;
import java.util.List;

/** The update rules by name: {@link OptimizerSpec} ↔ {@link Optimizer}, without clipping. */
final class Optimizers {

    private Optimizers() {}

    static Optimizer of(OptimizerSpec spec, List<FieldError> errors) {
        if (spec == null) {
            return new GradientDescent();
        }
        Type effective = spec.type() == null ? Type.GD : spec.type();
        boolean usesMomentum = effective == Type.MOMENTUM || effective == Type.NESTEROV;
        boolean usesEpsilon = effective == Type.ADAGRAD || effective == Type.RMSPROP || effective == Type.ADAM;
        Given.refuse(
                "optimizer",
                spec.momentum(),
                "momentum",
                !usesMomentum,
                "applies only to the momentum and nesterov optimizers",
                errors);
        Given.refuse(
                "optimizer",
                spec.rho(),
                "rho",
                effective != Type.RMSPROP,
                "applies only to the rmsprop optimizer",
                errors);
        Given.refuse(
                "optimizer",
                spec.beta1(),
                "beta1",
                effective != Type.ADAM,
                "applies only to the adam optimizer",
                errors);
        Given.refuse(
                "optimizer",
                spec.beta2(),
                "beta2",
                effective != Type.ADAM,
                "applies only to the adam optimizer",
                errors);
        Given.refuse(
                "optimizer",
                spec.epsilon(),
                "epsilon",
                !usesEpsilon,
                "applies only to the adagrad, rmsprop and adam optimizers",
                errors);
        Given.refuse(
                "optimizer",
                spec.memory(),
                "memory",
                effective != Type.LBFGS,
                "applies only to the lbfgs optimizer",
                errors);
        int memory = Given.or(spec.memory(), Lbfgs.DEFAULT_MEMORY);
        if (effective == Type.LBFGS && (memory < 1 || memory > Lbfgs.MAX_MEMORY)) {
            errors.add(new FieldError("optimizer.memory", "must be between 1 and " + Lbfgs.MAX_MEMORY));
            memory = Lbfgs.DEFAULT_MEMORY;
        }
        return switch (effective) {
            case GD -> new GradientDescent();
            case MOMENTUM -> new Momentum(Given.or(spec.momentum(), Momentum.DEFAULT_MOMENTUM));
            case NESTEROV -> new Nesterov(Given.or(spec.momentum(), Nesterov.DEFAULT_MOMENTUM));
            case ADAGRAD -> new AdaGrad(Given.or(spec.epsilon(), AdaGrad.DEFAULT_EPSILON));
            case RMSPROP ->
                new RmsProp(
                        Given.or(spec.rho(), RmsProp.DEFAULT_RHO), Given.or(spec.epsilon(), RmsProp.DEFAULT_EPSILON));
            case ADAM ->
                new Adam(
                        Given.or(spec.beta1(), Adam.DEFAULT_BETA1),
                        Given.or(spec.beta2(), Adam.DEFAULT_BETA2),
                        Given.or(spec.epsilon(), Adam.DEFAULT_EPSILON));
            case LBFGS -> new Lbfgs(memory);
        };
    }

    /** The name and settings of {@code optimizer}, which is not a clipping wrapper. */
    static OptimizerSpec spec(Optimizer optimizer) {
        if (optimizer instanceof Momentum m) {
            return new OptimizerSpec(Type.MOMENTUM, m.momentum(), null, null, null, null);
        }
        if (optimizer instanceof Nesterov n) {
            return new OptimizerSpec(Type.NESTEROV, n.momentum(), null, null, null, null);
        }
        if (optimizer instanceof AdaGrad a) {
            return new OptimizerSpec(Type.ADAGRAD, null, null, null, null, a.epsilon());
        }
        if (optimizer instanceof RmsProp r) {
            return new OptimizerSpec(Type.RMSPROP, null, r.rho(), null, null, r.epsilon());
        }
        if (optimizer instanceof Adam a) {
            return new OptimizerSpec(Type.ADAM, null, null, a.beta1(), a.beta2(), a.epsilon());
        }
        if (optimizer instanceof Lbfgs l) {
            return new OptimizerSpec(Type.LBFGS, null, null, null, null, null, l.memory());
        }
        return new OptimizerSpec(Type.GD, null, null, null, null, null);
    }
}
