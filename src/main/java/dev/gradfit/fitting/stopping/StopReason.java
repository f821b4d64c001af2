package dev.gradfit.fitting.stopping;

/** Why a fit stopped where it did. */
public enum StopReason {
    /** It ran every epoch it was given. */
    EPOCHS,
    /**
     * The training cost stopped improving by more than the tolerance, see {@link ConvergenceRule}; or a line-search
     * optimizer (L-BFGS) found no step that lowers it, so the weights are at a minimum to the precision of the cost.
     */
    CONVERGED,
    /** The validation cost stopped improving, see {@link EarlyStoppingRule}. */
    EARLY_STOPPED,
    /** The time budget ran out, see {@link TimeBudgetRule}. */
    TIME_BUDGET
}
