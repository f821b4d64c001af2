/** The values every part of a fit shares: the dataset, the weights, and the argument checks. */
package dev.gradfit.fitting.core;
