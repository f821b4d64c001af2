package dev.gradfit.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import org.junit.jupiter.api.Test;

/** Labels share one String per distinct text, and what they take is charged before the budget is exceeded. */
class LabelColumnTest {

    @Test
    void storesARepeatedLabelAsOneString() {
        LabelColumn labels = new LabelColumn(MemoryAccount.NONE);
        for (int i = 0; i < 1000; i++) {
            labels.add(new String(i % 3 == 0 ? "setosa" : "versicolor"));
        }

        String[] read = labels.toArray();

        assertThat(read).hasSize(1000);
        assertThat(read[0]).isEqualTo("setosa").isSameAs(read[999]);
        assertThat(read[1]).isEqualTo("versicolor").isSameAs(read[998]);
    }

    @Test
    void chargesAReferencePerLabelAndTheTextOfEachDistinctOne() {
        InFlightMemory memory = new InFlightMemory(1 << 24, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            LabelColumn labels = new LabelColumn(account);
            for (int i = 0; i < 1000; i++) {
                labels.add("label number " + i + "x".repeat(100));
            }
            labels.toArray();
            // At least a reference and 2 bytes per character of each of the 1000 distinct labels.
            assertThat(memory.reserved()).isGreaterThanOrEqualTo(1000 * (8 + 2 * 113L));
        }
    }

    @Test
    void refusesLabelsTheBudgetCannotHold() {
        InFlightMemory memory = new InFlightMemory(64 << 10, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            LabelColumn labels = new LabelColumn(account);
            // 10,000 references alone are 80 KB, more than the 64 KB budget.
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            labels.add("spam");
                        }
                        labels.toArray();
                    })
                    .isInstanceOf(ServerBusyException.class);
        }
    }
}
