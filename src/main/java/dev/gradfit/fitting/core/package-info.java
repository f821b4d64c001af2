/** The values every part of a fit shares: the dataset, the weights (one output, or one row per class), and the argument checks. */
package dev.gradfit.fitting.core;
