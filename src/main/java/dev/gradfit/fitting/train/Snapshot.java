package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Weights;

/**
 * The weights after a given number of epochs, like the lines the tutorial plots after 10, 20, 30, 100 and
 * 1000 epochs.
 *
 * @param epoch the number of epochs run (0 = the initial weights)
 * @param weights the weights then
 * @param cost the cost at those weights
 */
public record Snapshot(int epoch, Weights weights, double cost) {}
