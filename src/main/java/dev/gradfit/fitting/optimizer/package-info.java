/** Update rules behind {@link dev.gradfit.fitting.optimizer.Optimizer}: gradient descent, momentum, Nesterov, AdaGrad, RMSProp, Adam and gradient clipping; and L-BFGS, which moves by a line search ({@link dev.gradfit.fitting.optimizer.LineSearchOptimizer}). */
package dev.gradfit.fitting.optimizer;
