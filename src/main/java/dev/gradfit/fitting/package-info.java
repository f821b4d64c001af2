/**
 * The numerical core: gradient-descent fitting of linear models on primitive arrays, free of any
 * framework. {@link dev.gradfit.fitting.Fitter} is its one entry point.
 *
 * <p><b>The tutorial.</b> gradfit grew out of a tutorial on batch gradient descent for simple linear
 * regression, and every "the tutorial's" in this package means this algorithm: the model
 * {@code y' = b0 + b·x}, the cost {@code J = (1/n)·Σ(y' − y)²}, the gradients
 * {@code ∂J/∂b = −(2/n)·Σ x·(y − y')} and {@code ∂J/∂b0 = −(2/n)·Σ (y − y')}, the update
 * {@code w ← w − learningRate·∂J/∂w} once per epoch over all the points, starting from
 * {@code b = b0 = 0}, with {@code learningRate = 0.001} and 1000 epochs. Its figures show the fitted line
 * after 10, 20, 30, 100 and 1000 epochs. With nothing but data,
 * {@link dev.gradfit.fitting.train.Hyperparameters#defaults()} is exactly that algorithm, and the weights
 * after {@code E} epochs are the tutorial's to rounding; everything else (features, losses, optimizers,
 * schedules, mini-batches, stopping rules, standardization) generalises it without changing that answer.
 *
 * <p>The sub-packages, from the bottom up: {@code core} (the dataset and weights), {@code linalg},
 * {@code loss}, {@code optimizer}, {@code schedule}, {@code stopping}, {@code objective}, {@code train}
 * (the descent loop) and {@code diagnostics}; a package imports only those below it.
 */
package dev.gradfit.fitting;
