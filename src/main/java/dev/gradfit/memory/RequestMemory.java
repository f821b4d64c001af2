package dev.gradfit.memory;

/**
 * The heap a request's readers allocate, counted against the request's reservation in the
 * {@link InFlightMemory} budget. The web layer's body filter opens the account on the request's thread; readers
 * and handlers charge it as they allocate, and a charge the budget cannot cover refuses the request
 * ({@link ServerBusyException}). Outside a request (unit tests, background work) charges are free.
 */
public final class RequestMemory {

    private static final ThreadLocal<Account> CURRENT = new ThreadLocal<>();

    private RequestMemory() {}

    /**
     * Counts {@code bytes} of arrays allocated for the current request.
     *
     * @throws ServerBusyException if the request's reservation cannot grow to cover them
     */
    public static void charge(long bytes) {
        Account account = CURRENT.get();
        if (account != null) {
            account.charge(bytes);
        }
    }

    public static Account open(InFlightMemory.Reservation reservation, double heapPerBodyByte) {
        Account account = new Account(reservation, heapPerBodyByte);
        CURRENT.set(account);
        return account;
    }

    /** One request's charges: what its body bytes and its arrays need, whichever is more. */
    public static final class Account implements AutoCloseable {

        private final InFlightMemory.Reservation reservation;
        private final double heapPerBodyByte;
        private long bodyBytes;
        private long arrayBytes;

        private Account(InFlightMemory.Reservation reservation, double heapPerBodyByte) {
            this.reservation = reservation;
            this.heapPerBodyByte = heapPerBodyByte;
        }

        public void bodyRead(long bytes) {
            bodyBytes += bytes;
            reservation.ensure((long) Math.ceil(bodyBytes * heapPerBodyByte));
        }

        void charge(long bytes) {
            arrayBytes += bytes;
            reservation.ensure(arrayBytes);
        }

        @Override
        public void close() {
            CURRENT.remove();
            reservation.close();
        }
    }
}
