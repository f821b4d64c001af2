/** Rules that end a fit before its last epoch, behind {@link dev.gradfit.fitting.stopping.StoppingRule}, the hold-out split early stopping uses, and the reasons a fit stops. */
package dev.gradfit.fitting.stopping;
