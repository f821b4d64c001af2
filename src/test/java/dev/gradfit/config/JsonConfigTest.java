package dev.gradfit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parser limits, one just past each. Requests over HTTP meet them too (the corpus sends a number of
 * 300 digits and a field name of 1000 characters); nesting, string and document length are checked
 * here, since a fit request is refused for its shape before it could nest deeply or carry strings.
 */
class JsonConfigTest {

    private final JsonMapper mapper = new JsonConfig()
            .jsonMapperBuilder(new JsonProperties(8, 30, 50, 20, DataSize.ofBytes(200)), List.of())
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
    void refusesLongerDocumentsThanTheLimit() {
        assertThat(mapper.readTree(("[" + "1,".repeat(90) + "1]").getBytes()).size())
                .isEqualTo(91);
        assertThatThrownBy(() -> mapper.readTree(("[" + "1,".repeat(150) + "1]").getBytes()))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void refusesDuplicateKeysAndNumbersAsStrings() {
        assertThatThrownBy(() -> mapper.readTree("{\"x\":1,\"x\":2}")).hasMessageContaining("Duplicate");
        record Epochs(int epochs) {}
        assertThatThrownBy(() -> mapper.readValue("{\"epochs\":\"100\"}", Epochs.class))
                .hasMessageContaining("String");
    }
}
