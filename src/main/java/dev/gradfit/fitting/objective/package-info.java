/** The mean loss and its gradient over a dataset, behind {@link dev.gradfit.fitting.objective.Objective}: direct, parallel, sufficient-statistics and compensated kernels (and the softmax objectives over K blocks of weights), the penalty, and curvature bounds. */
package dev.gradfit.fitting.objective;
