package dev.gradfit.api.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.Prediction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prediction fast path's reader and writer against Jackson's binding of the same records: the same
 * doubles bit for bit, the same refusals, the same bytes out.
 */
class PlainPredictionReaderTest {

    private static final JsonMapper JSON = RequestJson.MAPPER;

    private static final ObjectReader BOUND = JSON.readerFor(PredictionRequest.class);
    private static final PlainPredictionReader PLAIN = new PlainPredictionReader(JSON, NumberParsingPool.everyCore());

    @ParameterizedTest
    @ValueSource(strings = {"shortest", "17 digits", "integers", "exponents"})
    void readsRandomNumbersBitForBitAsTheBoundReader(String form) {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> literals = new ArrayList<>();
            for (int i = 0; i <= round % 5; i++) {
                double value = Double.longBitsToDouble(random.nextLong());
                if (!Double.isFinite(value)) {
                    value = random.nextGaussian();
                }
                literals.add(
                        switch (form) {
                            case "shortest" -> Double.toString(value);
                            case "17 digits" -> String.format(Locale.ROOT, "%.16e", value);
                            case "integers" -> Long.toString(random.nextLong() >> random.nextInt(64));
                            default ->
                                random.nextInt(10) + "." + random.nextInt(1000) + "E" + (random.nextInt(600) - 300);
                        });
            }
            String body = "{\"x\": [" + String.join(", ", literals) + "]}";
            PredictionRequest plain =
                    PLAIN.plain(bytes(body), bytes(body).length, MemoryAccount.NONE); // from the bytes, not bound
            PredictionRequest bound = BOUND.readValue(body);
            assertThat(plain).as(body).isNotNull();
            assertThat(plain.x().values()).as(body).isEqualTo(bound.x().values());
            for (int i = 0; i < literals.size(); i++) {
                assertThat(Double.doubleToRawLongBits(plain.x().values()[i]))
                        .as(literals.get(i))
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(literals.get(i))));
            }
            assertThat(plain.x().rows()).isEqualTo(bound.x().rows());
            assertThat(plain.x().columns()).isEqualTo(1);
            assertThat(plain.threshold()).isNull();
        }
    }

    @Test
    void givesOtherShapesToTheBoundReader() {
        for (String body : List.of(
                "{\"x\": [1, 2], \"threshold\": 0.25}",
                "{\"threshold\": 0.25, \"x\": [3]}",
                "{\"x\": [[1, 2], [3, 4]]}",
                "{\"x\": [{\"a\": 1}]}",
                "{\"x\": []}",
                " {\"x\" :[ -0.0 ,\n1e-5 ]} ",
                "{\"x\": [1.0000000000000000000000001]}")) {
            PredictionRequest plain = PLAIN.read(bytes(body), bytes(body).length, MemoryAccount.NONE);
            PredictionRequest bound = BOUND.readValue(body);
            assertThat(plain.x().values()).as(body).isEqualTo(bound.x().values());
            assertThat(plain.x().rows()).as(body).isEqualTo(bound.x().rows());
            assertThat(plain.x().columns()).as(body).isEqualTo(bound.x().columns());
            assertThat(plain.x().names()).as(body).isEqualTo(bound.x().names());
            assertThat(plain.threshold()).as(body).isEqualTo(bound.threshold());
        }
        assertThat(Double.doubleToRawLongBits(PLAIN.read(bytes("{\"x\": [-0]}"), 11, MemoryAccount.NONE)
                        .x()
                        .values()[0]))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        for (String body : List.of(
                "{\"x\":[1]}", " {\t\"x\"\r\n:\n[ 1 , 2 ]\n}\n", "{\"x\": [-0.0, 1e-5, 12345678901234567890]}")) {
            assertThat(PLAIN.plain(bytes(body), bytes(body).length, MemoryAccount.NONE))
                    .as("read from its bytes: " + body)
                    .isNotNull();
        }
        for (String body : List.of(
                "{\"x\": [1], \"threshold\": 0.25}",
                "{\"x\": [[1]]}",
                "{\"x\": []}",
                "{\"\\u0078\": [1]}",
                "\uFEFF{\"x\": [1]}",
                "{\"x\": [1]} 2",
                "{\"x\": [1e400]}")) {
            assertThat(PLAIN.plain(bytes(body), bytes(body).length, MemoryAccount.NONE))
                    .as("left to Jackson: " + body)
                    .isNull();
        }
    }

    @Test
    void refusesWhatTheBoundReaderRefusesWithItsWords() {
        for (String body : List.of(
                "{\"x\": [1e400]}",
                "{\"x\": [-1e400, 1]}",
                "{\"x\": [1, \"2\"]}",
                "{\"x\": [1, null]}",
                "{\"x\": [1,]}",
                "{\"x\": [1]",
                "{\"x\": [1]} 2",
                "{\"x\": [1], \"x\": [2]}",
                "{\"x\": [1], \"y\": [2]}",
                "{\"x\": [NaN]}",
                "{\"x\": [0x10]}",
                "{\"x\": [01]}",
                "{\"x\": [" + "9".repeat(101) + "]}",
                "[1]",
                "")) {
            Throwable plain = catchThrowable(() -> PLAIN.read(bytes(body), bytes(body).length, MemoryAccount.NONE));
            Throwable bound = catchThrowable(() -> BOUND.readValue(bytes(body)));
            assertThat(bound).as(body).isNotNull();
            assertThat(plain).as(body).isNotNull().hasSameClassAs(bound).hasMessage(bound.getMessage());
        }
        // Jackson binds the body null to no request at all, which Spring MVC then refuses as missing.
        assertThat(PLAIN.read(bytes("null"), 4, MemoryAccount.NONE)).isNull();
    }

    @Test
    void writesTheAnswerAsJacksonBindsIt() throws Exception {
        JsonMapper toStringDoubles = JsonMapper.builder().build(); // Double.toString's digits, not Schubfach's
        double[] edges = {-0.0, 0.0, Double.MIN_VALUE, Double.MAX_VALUE, 2e-3, 1e7, 1.0E23, 2.0E-44};
        Random random = new Random(11);
        for (int round = 0; round < 1000; round++) {
            double[] values = new double[1 + round % 4];
            for (int i = 0; i < values.length; i++) {
                double value = Double.longBitsToDouble(random.nextLong());
                values[i] = switch (round % 4) {
                    case 0 -> random.nextDouble();
                    case 1 -> edges[random.nextInt(edges.length)];
                    default -> Double.isFinite(value) ? value : -0.0;
                };
            }
            boolean logistic = round % 2 == 1;
            PredictionResponse answer = PredictionResponse.of(
                    new Prediction(new UUID(random.nextLong(), random.nextLong()), values, logistic, 0.3));
            for (JsonMapper json : List.of(JSON, toStringDoubles)) {
                String expected = json.writeValueAsString(answer);
                assertThat(new String(answer.json(json == JSON), StandardCharsets.UTF_8))
                        .isEqualTo(expected);
            }
        }
        PredictionResponse infinite = PredictionResponse.of(
                new Prediction(new UUID(1, 2), new double[] {1, Double.POSITIVE_INFINITY}, false, 0.5));
        assertThatThrownBy(() -> infinite.json(true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
