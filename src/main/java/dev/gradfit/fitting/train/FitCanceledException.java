package dev.gradfit.fitting.train;

/**
 * Thrown when an {@link EpochObserver} cancels a fit: the fit stopped between two epochs and has no
 * result. Nothing is wrong with the fit itself.
 */
public final class FitCanceledException extends RuntimeException {

    private final int epoch;

    /** @param epoch the number of epochs run when the fit was canceled */
    public FitCanceledException(int epoch) {
        super("the fit was canceled after " + epoch + " epochs");
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
