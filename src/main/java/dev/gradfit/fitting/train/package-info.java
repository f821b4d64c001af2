/** The descent loop: hyperparameters, batching, the epoch runner, the recorder, the epoch observer (progress and cancellation), standardization, results, and the work a fit costs. */
package dev.gradfit.fitting.train;
