/** What a finished fit achieved: goodness of fit and the exact solution of the same objective, found by a direct method. */
package dev.gradfit.fitting.diagnostics;
