/** The descent loop: hyperparameters, batching, the epoch runner, the recorder, standardization, results, and the work a fit costs. */
package dev.gradfit.fitting.train;
