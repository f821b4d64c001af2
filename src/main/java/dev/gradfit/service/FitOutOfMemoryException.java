package dev.gradfit.service;

/**
 * A fit ran out of heap ({@link OutOfMemoryError}): its arrays did not fit in what the heap had free. The
 * fit's memory is unreachable once this is thrown, so the thread that ran it can go on.
 */
public final class FitOutOfMemoryException extends RuntimeException {

    public FitOutOfMemoryException() {
        // No stack trace: it is made while the heap is short, and it says all there is to say.
        super("the fit ran out of memory", null, false, false);
    }
}
