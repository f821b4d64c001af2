/** SVG pictures of a fitted model, drawn from its weights, its fit's history and its training sample. */
package dev.gradfit.plots;
