package dev.gradfit.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of heap bytes for what request bodies make live at once: the arrays their readers fill, with
 * the copies those arrays go through while they grow. A request reserves from it before its body is
 * read ({@link #reserve}), reserves more while it reads when it turns out to need more
 * ({@link Reservation#ensure}), and gives everything back when it ends ({@link Reservation#close}).
 *
 * <p>Large requests may not take the whole budget: a share of it is kept for small ones (predictions,
 * small fits), so that a burst of large bodies cannot starve them. A request is small while its
 * reservation is at most {@code smallRequestBytes}.
 *
 * <p>Thread-safe and lock-free; a refusal costs one failed compare-and-set loop.
 */
public final class InFlightMemory {

    private final long capacity;
    private final long largeCapacity;
    private final long smallRequestBytes;
    private final AtomicLong reserved = new AtomicLong();

    /**
     * @param capacity the bytes all requests together may hold
     * @param smallShare the share of {@code capacity} that only small requests may use, in {@code [0, 1)}
     * @param smallRequestBytes the largest reservation that still counts as small
     */
    public InFlightMemory(long capacity, double smallShare, long smallRequestBytes) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        if (!(smallShare >= 0 && smallShare < 1)) {
            throw new IllegalArgumentException("smallShare must be in [0, 1), was " + smallShare);
        }
        this.capacity = capacity;
        this.largeCapacity = (long) (capacity * (1 - smallShare));
        this.smallRequestBytes = smallRequestBytes;
    }

    /** The bytes all requests together may hold. */
    public long capacity() {
        return capacity;
    }

    /** The bytes held now. */
    public long reserved() {
        return reserved.get();
    }

    /**
     * Reserves {@code bytes} for a new request.
     *
     * @throws ServerBusyException if the budget cannot spare them now
     */
    public Reservation reserve(long bytes) {
        Reservation reservation = new Reservation();
        reservation.ensure(bytes);
        return reservation;
    }

    /** The most one request may hold: the whole budget while it is small, the large requests' part once it is not. */
    private long limitFor(long requestTotal) {
        return requestTotal <= smallRequestBytes ? capacity : largeCapacity;
    }

    private boolean tryTake(long bytes, long requestTotal) {
        long limit = limitFor(requestTotal);
        while (true) {
            long now = reserved.get();
            if (now + bytes > limit) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** What one request holds of the budget. Used by the request's own thread; closing twice is harmless. */
    public final class Reservation implements AutoCloseable {

        private long held;
        private boolean closed;

        private Reservation() {}

        /** The bytes this request holds. */
        public long held() {
            return held;
        }

        /**
         * Makes sure this request holds at least {@code bytes} in all, taking the difference from the
         * budget.
         *
         * @throws ServerBusyException if the budget cannot spare the difference now, or could never
         *     spare it ({@link ServerBusyException#admissible()} false)
         */
        public void ensure(long bytes) {
            if (bytes <= held || closed) {
                return;
            }
            long more = bytes - held;
            if (bytes > limitFor(bytes)) {
                throw new ServerBusyException(bytes, capacity, false);
            }
            if (!tryTake(more, bytes)) {
                throw new ServerBusyException(bytes, capacity, true);
            }
            held = bytes;
        }

        /** Gives back everything this request holds. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                reserved.addAndGet(-held);
                held = 0;
            }
        }
    }
}
