package dev.gradfit.memory;

/**
 * The heap one request's readers allocate, counted against the request's reservation in the
 * {@link InFlightMemory} budget: what its body bytes and its arrays need, whichever is more. The web layer
 * opens an account per request and keeps it as the request attribute {@link #ATTRIBUTE}; whoever reads the
 * body passes it to the readers, which charge it before they allocate. A charge the budget cannot cover
 * refuses the request ({@link ServerBusyException}).
 *
 * <p>Thread-safe: a reader may charge from the threads that parse its chunks.
 */
public final class MemoryAccount implements AutoCloseable {

    /** The name of the request attribute that holds a request's account. */
    public static final String ATTRIBUTE = MemoryAccount.class.getName();

    /** An account whose charges are free: for reading outside a request (unit tests, background work). */
    public static final MemoryAccount NONE = new MemoryAccount(null, 0);

    private final InFlightMemory.Reservation reservation;
    private final double heapPerBodyByte;
    private long bodyBytes;
    private long arrayBytes;

    private MemoryAccount(InFlightMemory.Reservation reservation, double heapPerBodyByte) {
        this.reservation = reservation;
        this.heapPerBodyByte = heapPerBodyByte;
    }

    /** An account over {@code reservation}, which the body's bytes grow by {@code heapPerBodyByte} each. */
    public static MemoryAccount open(InFlightMemory.Reservation reservation, double heapPerBodyByte) {
        return new MemoryAccount(reservation, heapPerBodyByte);
    }

    /**
     * Counts {@code bytes} more of the request's body read.
     *
     * @throws ServerBusyException if the reservation cannot grow to cover them
     */
    public synchronized void bodyRead(long bytes) {
        if (reservation != null) {
            bodyBytes += bytes;
            reservation.ensure((long) Math.ceil(bodyBytes * heapPerBodyByte));
        }
    }

    /**
     * Counts {@code bytes} of arrays about to be allocated for the request.
     *
     * @throws ServerBusyException if the reservation cannot grow to cover them
     */
    public synchronized void charge(long bytes) {
        if (reservation != null) {
            arrayBytes += bytes;
            reservation.ensure(arrayBytes);
        }
    }

    /**
     * Counts {@code bytes} of arrays charged earlier that the request no longer holds (a buffer dropped, an
     * array replaced by its longer copy), so that later charges can use them again. The reservation keeps
     * its largest size until the request ends: the heap is given back when the collector frees it, not
     * when the reader lets go.
     */
    public synchronized void release(long bytes) {
        if (reservation != null) {
            arrayBytes = Math.max(0, arrayBytes - bytes);
        }
    }

    /** Gives back everything the request holds. */
    @Override
    public synchronized void close() {
        if (reservation != null) {
            reservation.close();
        }
    }
}
