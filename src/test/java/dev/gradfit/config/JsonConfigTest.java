package dev.gradfit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parser limits, one just past each. Requests over HTTP meet them too (the corpus sends a number of
 * 300 digits and a field name of 1000 characters); nesting and string length are checked here, since a
 * fit request is refused for its shape before it could nest deeply or carry strings. A document's length
 * is no limit of the parser: the body filter's size limit bounds it.
 */
class JsonConfigTest {

    private final JsonMapper mapper = new JsonConfig()
            .jsonMapperBuilder(new JsonProperties(8, 30, 50, 20), List.of())
            .build();

    @Test
    void refusesNestingDeeperThanTheLimit() {
        assertThat(mapper.readTree("[".repeat(8) + "]".repeat(8)).isArray()).isTrue();
        assertThatThrownBy(() -> mapper.readTree("[".repeat(9) + "]".repeat(9)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void refusesLongerNumbersThanTheLimit() {
        assertThat(mapper.readTree("1" + "0".repeat(29)).isNumber()).isTrue();
        assertThatThrownBy(() -> mapper.readTree("1" + "0".repeat(30))).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void refusesLongerStringsThanTheLimit() {
        assertThat(mapper.readTree("\"" + "a".repeat(50) + "\"").isString()).isTrue();
        assertThatThrownBy(() -> mapper.readTree("\"" + "a".repeat(51) + "\"").asString())
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void refusesLongerNamesThanTheLimit() {
        assertThatThrownBy(() -> mapper.readTree("{\"" + "a".repeat(21) + "\":1}"))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void leavesTheDocumentsLengthToTheBodyLimit() {
        // Longer than Jackson's own default limit would matter for: the parser sets none of its own.
        assertThat(mapper.readTree(("[" + "1,".repeat(200_000) + "1]").getBytes())
                        .size())
                .isEqualTo(200_001);
    }

    @Test
    void refusesDuplicateKeysAndNumbersAsStrings() {
        assertThatThrownBy(() -> mapper.readTree("{\"x\":1,\"x\":2}")).hasMessageContaining("Duplicate");
        record Epochs(int epochs) {}
        assertThatThrownBy(() -> mapper.readValue("{\"epochs\":\"100\"}", Epochs.class))
                .hasMessageContaining("String");
    }
}
