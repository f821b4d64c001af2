package dev.gradfit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelIdsTest {

    private static final String ID = "0f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e10";

    @Test
    void readsAUuidOfEitherCase() {
        UUID expected = new UUID(0x0f2d6c1e93a44a7eL, 0x8a553f1c2b7d9e10L);
        assertThat(ModelIds.parse(ID)).isEqualTo(expected);
        assertThat(ModelIds.parse(ID.toUpperCase())).isEqualTo(expected);
        assertThat(ModelIds.parse("/api/v1/models/" + ID + "/predictions", 15)).isEqualTo(expected);
    }

    @Test
    void refusesWhatUuidFromStringAloneWouldTake() {
        assertThat(UUID.fromString("1-2-3-4-5")).isNotNull();
        assertThat(ModelIds.parse("1-2-3-4-5")).isNull();
        assertThat(ModelIds.parse("+0f2d6c1-93a4-4a7e-8a55-3f1c2b7d9e10")).isNull();
    }

    @Test
    void refusesOtherLengthsLettersAndScripts() {
        assertThat(ModelIds.parse(ID.substring(1))).isNull();
        assertThat(ModelIds.parse(ID + "0")).isNull();
        assertThat(ModelIds.parse(ID.replace('f', 'g'))).isNull();
        assertThat(ModelIds.parse(ID.replace('-', '_'))).isNull();
        // Arabic-Indic three and a fullwidth A are digits to Character.digit, not to an id.
        assertThat(ModelIds.parse(ID.replace('3', '\u0663'))).isNull();
        assertThat(ModelIds.parse(ID.replace('a', '\uFF21'))).isNull();
        assertThat(ModelIds.parse(null)).isNull();
        assertThat(ModelIds.parse(ID, 1)).isNull();
    }
}
