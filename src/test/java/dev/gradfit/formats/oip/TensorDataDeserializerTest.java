package dev.gradfit.formats.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** A tensor's data: numbers, strings as codes, nulls as missing elements, and the refusals. */
class TensorDataDeserializerTest {

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(TensorData.class, new TensorDataDeserializer()))
            .build();

    record Body(TensorData data) {}

    private TensorData read(String data) {
        return json.readValue("{\"data\":" + data + "}", Body.class).data();
    }

    @Test
    void readsNumbersWithNullsAsNaN() {
        TensorData data = read("[null,1,2.5,null]");

        assertThat(data.text()).isFalse();
        assertThat(data.values()).containsExactly(Double.NaN, 1, 2.5, Double.NaN);
        assertThat(data.firstNull()).isZero();
        assertThat(data.integral()).isFalse();
        assertThat(read("[1,2]").firstNull()).isEqualTo(-1);
    }

    @Test
    void readsStringsAsCodesInOrderOfFirstSightWithNullsAsMinusOne() {
        TensorData data = read("[[null],[\"Rome\"],[\"Lyon\"],[\"Rome\"],[null]]");

        assertThat(data.text()).isTrue();
        assertThat(data.values()).isNull();
        assertThat(data.codes()).containsExactly(-1, 0, 1, 0, -1);
        assertThat(data.dictionary()).containsExactly("Rome", "Lyon");
        assertThat(data.nestedShape()).containsExactly(5, 1);
        assertThat(data.size()).isEqualTo(5);
        assertThat(data.firstNull()).isZero();
    }

    @Test
    void readsNullsOnlyAsNumbersEveryOneMissing() {
        TensorData data = read("[null,null,null]");

        assertThat(data.text()).isFalse();
        assertThat(data.values()).containsExactly(Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void refusesNumbersAndStringsInOneTensorAndOtherValues() {
        assertRefused("[1,\"a\"]", "element 1 must be a number, like the elements before it, not a string");
        assertRefused("[null,\"a\",2]", "element 2 must be a string, like the elements before it, not a number");
        assertRefused("[true]", "element 0 must be a number, a string or null");
        assertRefused("[[\"a\"],[\"b\",\"c\"]]", "must nest evenly");
        assertRefused("[1e400]", "finite");
    }

    @Test
    void tellsIntegersBeyondTheLongsFromTheWidestLongs() {
        // Each pair is one double; only the written integer tells them apart.
        TensorData widest = read("[9223372036854775807,-9223372036854775808,18446744073709551615]");
        TensorData beyondLong = read("[9223372036854775808]");
        TensorData belowLong = read("[-9223372036854775809]");
        TensorData beyondUnsigned = read("[18446744073709551616]");

        assertThat(read("[9223372036854775807,-9223372036854775808]").outsideLong())
                .isFalse();
        assertThat(widest.outsideLong()).isTrue();
        assertThat(widest.aboveUnsignedLong()).isFalse();
        assertThat(beyondLong.outsideLong()).isTrue();
        assertThat(beyondLong.aboveUnsignedLong()).isFalse();
        assertThat(belowLong.outsideLong()).isTrue();
        assertThat(belowLong.aboveUnsignedLong()).isFalse();
        assertThat(beyondUnsigned.aboveUnsignedLong()).isTrue();
        assertThat(read("[1e30]").outsideLong()).isFalse();
    }

    @Test
    void chargesTheAccountForCodesAndDistinctStrings() {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            strings.add("\"level " + i + "\"");
        }
        String body = "{\"data\":[" + String.join(",", strings) + "]}";
        InFlightMemory memory = new InFlightMemory(4096, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            assertThatThrownBy(() -> json.readerFor(Body.class)
                            .withAttribute(MemoryAccount.class, account)
                            .readValue(body))
                    .hasRootCauseInstanceOf(ServerBusyException.class);
        }
        InFlightMemory roomy = new InFlightMemory(1 << 22, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(roomy.reserve(0), 1)) {
            Body read = json.readerFor(Body.class)
                    .withAttribute(MemoryAccount.class, account)
                    .readValue(body);
            assertThat(read.data().size()).isEqualTo(1000);
            // 4 bytes a code and the thousand distinct strings.
            assertThat(roomy.reserved()).isGreaterThanOrEqualTo(1000 * (4 + 128));
        }
    }

    private void assertRefused(String data, String reason) {
        assertThatThrownBy(() -> read(data))
                .isInstanceOfSatisfying(
                        DatabindException.class,
                        e -> assertThat(e.getOriginalMessage()).contains(reason));
    }
}
