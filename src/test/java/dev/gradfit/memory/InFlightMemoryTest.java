package dev.gradfit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InFlightMemoryTest {

    /** 1000 bytes in all; the last 250 only for requests of at most 100 bytes. */
    private final InFlightMemory memory = new InFlightMemory(1000, 0.25, 100);

    @Test
    void reservesAndGivesBack() {
        InFlightMemory.Reservation first = memory.reserve(300);
        InFlightMemory.Reservation second = memory.reserve(400);

        assertThat(memory.reserved()).isEqualTo(700);
        first.close();
        first.close();
        assertThat(memory.reserved()).isEqualTo(400);
        second.close();
        assertThat(memory.reserved()).isZero();
    }

    @Test
    void refusesALargeRequestThatWouldEatIntoTheSmallRequestsShare() {
        try (InFlightMemory.Reservation held = memory.reserve(500)) {
            assertThatThrownBy(() -> memory.reserve(300)).isInstanceOfSatisfying(ServerBusyException.class, busy -> {
                assertThat(busy.admissible()).isTrue();
                assertThat(busy.neededBytes()).isEqualTo(300);
                assertThat(busy.capacityBytes()).isEqualTo(1000);
            });
            assertThat(memory.reserved()).isEqualTo(500);
        }
    }

    @Test
    void letsSmallRequestsUseTheShareKeptForThem() {
        try (InFlightMemory.Reservation large = memory.reserve(750)) {
            InFlightMemory.Reservation small = memory.reserve(100);
            InFlightMemory.Reservation another = memory.reserve(100);

            assertThat(memory.reserved()).isEqualTo(950);
            assertThatThrownBy(() -> memory.reserve(100)).isInstanceOf(ServerBusyException.class);
            small.close();
            another.close();
        }
        assertThat(memory.reserved()).isZero();
    }

    @Test
    void growsAReservationAndStopsItWhenItOutgrowsTheBudget() {
        try (InFlightMemory.Reservation reservation = memory.reserve(50)) {
            reservation.ensure(40);
            assertThat(reservation.held()).isEqualTo(50);
            reservation.ensure(600);
            assertThat(reservation.held()).isEqualTo(600);
            assertThat(memory.reserved()).isEqualTo(600);

            // A request may never hold more than the large requests' part, whatever else is in flight.
            assertThatThrownBy(() -> reservation.ensure(751))
                    .isInstanceOfSatisfying(
                            ServerBusyException.class,
                            busy -> assertThat(busy.admissible()).isFalse());
            assertThat(reservation.held()).isEqualTo(600);
        }
        assertThat(memory.reserved()).isZero();
    }

    @Test
    void takesNothingForARequestWithoutABody() {
        try (InFlightMemory.Reservation large = memory.reserve(750);
                InFlightMemory.Reservation small = memory.reserve(100);
                InFlightMemory.Reservation another = memory.reserve(100);
                InFlightMemory.Reservation last = memory.reserve(50);
                InFlightMemory.Reservation empty = memory.reserve(0)) {
            assertThat(empty.held()).isZero();
            assertThat(memory.reserved()).isEqualTo(1000);
        }
    }
}
