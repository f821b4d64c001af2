/** Per-point losses (squared, Huber, absolute, logistic, and the log-link half deviances: Poisson, Gamma, Tweedie) and the softmax loss over K class scores behind {@link dev.gradfit.fitting.loss.Loss}, and the elastic-net penalty on the coefficients. */
package dev.gradfit.fitting.loss;
