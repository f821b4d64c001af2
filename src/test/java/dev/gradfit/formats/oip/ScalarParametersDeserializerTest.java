package dev.gradfit.formats.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

/** The protocol's parameters: scalars kept, arrays and objects refused where they start, and a cap on entries. */
class ScalarParametersDeserializerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    record Body(
            @JsonDeserialize(using = ScalarParametersDeserializer.class)
            Map<String, Object> parameters) {}

    /** At most three names. */
    static final class Names extends CappedListDeserializer<String> {
        Names() {
            super(String.class, 3, "names");
        }
    }

    record Listed(@JsonDeserialize(using = Names.class) List<String> names) {}

    private Map<String, Object> read(String parameters) {
        return json.readValue("{\"parameters\":" + parameters + "}", Body.class).parameters();
    }

    @Test
    void keepsNumbersStringsBooleansAndNulls() {
        Map<String, Object> parameters = read("{\"threshold\":0.3,\"n\":2,\"s\":\"x\",\"b\":true,\"z\":null}");

        assertThat(parameters).containsEntry("s", "x").containsEntry("b", true).containsEntry("z", null);
        assertThat(((Number) parameters.get("threshold")).doubleValue()).isEqualTo(0.3);
        assertThat(((Number) parameters.get("n")).intValue()).isEqualTo(2);
    }

    @Test
    void refusesArraysAndObjectsNamingTheParameter() {
        assertThatThrownBy(() -> read("{\"threshold\":0.5,\"p\":[0.5,0.5]}"))
                .isInstanceOfSatisfying(DatabindException.class, e -> {
                    assertThat(e.getOriginalMessage()).contains("must be a number, a string, a boolean or null");
                    assertThat(e.getPath()).extracting(r -> r.getPropertyName()).containsExactly("parameters", "p");
                });
        assertThatThrownBy(() -> read("{\"q\":{\"a\":1}}")).isInstanceOf(DatabindException.class);
    }

    @Test
    void refusesMoreThanTheLimitOfParameters() {
        String many = IntStream.rangeClosed(0, ScalarParametersDeserializer.MAX)
                .mapToObj(i -> "\"p" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", "}"));
        String enough = IntStream.range(0, ScalarParametersDeserializer.MAX)
                .mapToObj(i -> "\"p" + i + "\":" + i)
                .collect(Collectors.joining(",", "{", "}"));

        assertThat(read(enough)).hasSize(64);
        assertThatThrownBy(() -> read(many))
                .isInstanceOfSatisfying(
                        DatabindException.class,
                        e -> assertThat(e.getOriginalMessage()).isEqualTo("holds more than 64 parameters, the limit"));
    }

    @Test
    void cappedListsTakeUpToTheLimitAndRefuseOneMore() {
        assertThat(json.readValue("{\"names\":[\"a\",null,\"c\"]}", Listed.class)
                        .names())
                .containsExactly("a", null, "c");
        assertThatThrownBy(() -> json.readValue("{\"names\":[\"a\",\"b\",\"c\",\"d\"]}", Listed.class))
                .isInstanceOfSatisfying(DatabindException.class, e -> {
                    assertThat(e.getOriginalMessage()).isEqualTo("holds more than 3 names, the limit");
                    assertThat(e.getPath()).extracting(r -> r.getPropertyName()).containsExactly("names");
                });
        assertThatThrownBy(() -> json.readValue("{\"names\":[\"a\",[1]]}", Listed.class))
                .isInstanceOfSatisfying(
                        DatabindException.class,
                        e -> assertThat(e.getPath())
                                .extracting(r -> r.getIndex())
                                .containsExactly(-1, 1));
    }
}
