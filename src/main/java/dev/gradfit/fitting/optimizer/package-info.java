/** Update rules behind {@link dev.gradfit.fitting.optimizer.Optimizer}: gradient descent, momentum, Nesterov, AdaGrad, RMSProp, Adam and gradient clipping. */
package dev.gradfit.fitting.optimizer;
