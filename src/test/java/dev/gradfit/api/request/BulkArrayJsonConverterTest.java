package dev.gradfit.api.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gradfit.formats.json.BulkArrayScanner;
import dev.gradfit.formats.json.NumberArrayParser;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.memory.MemoryAccount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk reader must be invisible: every body, well-formed or hostile, reads to the same request (bit for
 * bit) or the same refusal (kind, words, field path, and line, column and byte offset in the body sent) as
 * with the Jackson converter alone. Tiny chunks put chunk boundaries inside
 * numbers, rows and whitespace.
 */
class BulkArrayJsonConverterTest {

    private static final JsonMapper JSON = RequestJson.MAPPER;

    private static final JacksonJsonHttpMessageConverter JACKSON = new JacksonJsonHttpMessageConverter(JSON);
    private static final NumberParsingPool POOL = NumberParsingPool.everyCore();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 1 << 20})
    void readsRandomDoublesBitForBitAsDoubleParseDouble(int chunkBytes) throws IOException {
        Random random = new Random(42);
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double value = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextGaussian() * 1e3;
                case 2 -> random.nextDouble();
                default -> (double) random.nextInt(1000) - 500;
            };
            if (!Double.isFinite(value)) {
                value = random.nextDouble();
            }
            literals.add(Double.toString(value)); // short, as Java writes doubles
            literals.add(String.format(java.util.Locale.ROOT, "%.16e", value)); // 17 significant digits
            literals.add(
                    new java.math.BigDecimal(value).toPlainString().length() < 90
                            ? new java.math.BigDecimal(value).toPlainString()
                            : "0.5");
        }
        String numbers = String.join(",", literals);
        String body = "{\"x\": [" + numbers + "], \"y\": [" + numbers + "]}";

        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        BulkArrayScanner.Split split = new BulkArrayScanner(
                        java.util.Set.of("x", "y"), new NumberArrayParser(POOL, chunkBytes, 100))
                .split(new java.io.ByteArrayInputStream(bytes), MemoryAccount.NONE);
        assertThat(split.fallback())
                .as("read by the scanner, not handed to Jackson")
                .isNull();
        assertThat(split.arrays()).containsOnlyKeys("x", "y");
        FitRequest fast = (FitRequest) read(body, chunkBytes);

        assertThat(fast.x().rows()).isEqualTo(literals.size());
        for (int i = 0; i < literals.size(); i++) {
            long expected = Double.doubleToRawLongBits(Double.parseDouble(literals.get(i)));
            assertThat(Double.doubleToRawLongBits(fast.x().values()[i]))
                    .as(literals.get(i))
                    .isEqualTo(expected);
            assertThat(Double.doubleToRawLongBits(fast.y().numbers()[i])).isEqualTo(expected);
        }
        assertSameAsJackson(body, chunkBytes, FitRequest.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"x\": [1, 2, 3], \"y\": [6, 8, 10]}",
                "{\"y\": [6, 8, 10], \"epochs\": 5, \"x\": [1, 2, 3], \"learningRate\": 0.05}",
                "{\"x\": [[1, 2], [3, 4], [5, 6]], \"y\": [1, 2, 3], \"sampleWeights\": [1, 0.5, 2]}",
                "{\"x\": [1, 2, 3], \"y\": [1, 0, 2], \"offset\": [-0.0, 6.1e-3, 1e308], \"loss\": \"poisson\"}",
                "{\"x\": [ -0 , -0.0, 0, 1E5, 1e-5, 2.5E+3, -7e-0, 4.9e-324, 1.7976931348623157e308 ], \"y\": [1]}",
                "{\"x\": [9007199254740992, 9007199254740993, 9007199254740993e-22, 1e22, 1e23, 1e-22, 1e-23,"
                        + " 0.1, 0.3, 123456789012345678, 1234567890123456789, 0.000000000000000000000001234,"
                        + " 8.98846567431158e307, 2.2250738585072014E-308, 123456789.123456789e-5], \"y\": [1]}",
                "\n\t{ \"x\" :\r\n[\t1 ,\n2\r] , \"y\":[3,4] }\n ",
                "{\"x\": [[ 1 ,2 ] ,\n [3, 4 ]], \"y\": [1, 2]}",
                "{\"x\": [1, 1e400, 3], \"y\": [1, 2, 3]}",
                "{\"x\": [1, 2, -1e400], \"y\": [1, 2, 3]}",
                "{\"x\": [1, 2, 3], \"y\": [1, 2, 4.9e-325]}",
                "{\"x\": [1, \"2\", 3], \"y\": [1, 2, 3]}",
                "{\"x\": [1, null, 3], \"y\": [1, 2, 3]}",
                "{\"x\": [1, true], \"y\": [1, 2]}",
                "{\"x\": [01, 2], \"y\": [1, 2]}",
                "{\"x\": [1., 2], \"y\": [1, 2]}",
                "{\"x\": [.5, 2], \"y\": [1, 2]}",
                "{\"x\": [+1, 2], \"y\": [1, 2]}",
                "{\"x\": [1e, 2], \"y\": [1, 2]}",
                "{\"x\": [-, 2], \"y\": [1, 2]}",
                "{\"x\": [NaN, 2], \"y\": [1, 2]}",
                "{\"x\": [Infinity, 2], \"y\": [1, 2]}",
                "{\"x\": [1, 2,], \"y\": [1, 2]}",
                "{\"x\": [1 2], \"y\": [1, 2]}",
                "{\"x\": [1, 2] \"y\": [1, 2]}",
                "{\"x\": [1, 2], \"y\": [1, 2],}",
                "{\"x\": [1, 2], \"y\": [1, 2]} trailing",
                "{\"x\": [1, 2], \"x\": [3, 4], \"y\": [1, 2]}",
                "{\"x\": [1, 2], \"y\": [1, 2], \"y\": [1, 2]}",
                "{\"\\u0078\": [1, 2], \"y\": [1, 2]}",
                "{\"x\": [[1, 2], [3]], \"y\": [1, 2]}",
                "{\"x\": [[1, 2], []], \"y\": [1, 2]}",
                "{\"x\": [[]], \"y\": [1]}",
                "{\"x\": [[1], 2], \"y\": [1, 2]}",
                "{\"x\": [1, [2]], \"y\": [1, 2]}",
                "{\"x\": [[[1]]], \"y\": [1]}",
                "{\"x\": [{\"size\": 3}], \"y\": [1]}",
                "{\"x\": [], \"y\": []}",
                "{\"x\": 5, \"y\": [1]}",
                "{\"x\": \"[1, 2]\", \"y\": [1, 2]}",
                "{\"x\": [1, 2], \"y\": [[1], [2]]}",
                "{\"x\": [1, 2], \"y\": [1, 2], \"unknown\": [1, 2]}",
                "{\"x\": [1, 2], \"y\": [1, 2], \"loss\": {\"x\": [1], \"type\": \"squared\"}}",
                "{\"x\": [1, 2], \"y\": [1, 2], \"initialWeights\": {\"intercept\": 0, \"coefficients\": 7}}",
                "{\"loss\": \"huber\", \"x\": [1, 2], \"y\": [1, 2], \"epochs\": \"10\"}",
                "{\"x\": [1, 2], \"y\": [1, 2], \"note\": \"a ] and a , and a \\\" inside\"}",
                "[1, 2]",
                "\"x\"",
                "{}",
                "",
                "{\"x\": [1, 2], \"y\": [1, 2]/* comment */}",
                "\uFEFF{\"x\": [1, 2], \"y\": [1, 2]}",
                "{\"x\": [1, 2], \"y\": [1, 2], \"epochs\": 1e400}",
                "{\"x\": [1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567],"
                        + " \"y\": [1]}",
                "{\"x\": [12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"
                        + "90], \"y\": [1]}"
            })
    void readsHostileFitBodiesAsJacksonDoes(String body) throws IOException {
        for (int chunkBytes : new int[] {1, 3, 8, 1 << 20}) {
            assertSameAsJackson(body, chunkBytes, FitRequest.class);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"x\": [2.5]}",
                "{\"x\": [[1, 2], [3, 4]], \"threshold\": 0.7}",
                "{\"threshold\": 0.5, \"x\": [1, 1e400]}",
                "{\"x\": [{\"size\": 3}, {\"size\": 4}]}",
                "{\"x\": [1, 2], \"y\": [1, 2]}"
            })
    void readsHostilePredictionBodiesAsJacksonDoes(String body) throws IOException {
        for (int chunkBytes : new int[] {1, 3, 1 << 20}) {
            assertSameAsJackson(body, chunkBytes, PredictionRequest.class);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"x\":[N],\"y\":[N]}xyz",
                "{\"x\":[N],\"y\":[N]}\nxyz",
                "{\n  \"x\" : [\nP\n  ],\n  \"y\" : [\nP\n  ]\n}\nxyz",
                "{\r\n  \"x\" : [\r\nQ\r\n  ],\r  \"y\" : [\rR\n  ]\r\n}\r\nxyz",
                "{\"x\":[N],\"y\":[N],\"epochs\":5,\"epochs\":6}",
                "{\"x\":[N],\"y\":[N],}",
                "{\"x\":[N],\"y\":[N]",
                "{\"x\":[N],\n\"y\":[N]\n",
                "{\"x\":[N],\"y\":[N] \"epochs\":5}",
                "{\"x\":[N],\"y\":[N, 1 2]}",
                "{\"x\":[\nP\n],\"y\":[\nP,\n1 2]}",
                "{\"x\":[[1,2],\n[3,4],\r[5,6]],\"y\":[N]}}",
                "{\"x\":[N],\"y\":[N],\"loss\":{\"type\":\"huber\",}}",
                "W{W\"x\"W:W[N]W,W\"y\":[N]W}WxyzW",
                "{\"x\":[N],\"y\":[N],\"loss\":{W\"type\"W:W\"huber\"W,W}}",
                "{\"x\":[N],\"y\":[N],\"featureNames\":[\"S\"]}",
                "{\"x\":[N],\"y\":[N],\"epochs\":D}",
                "{\"x\":[N],\"y\":[N],\"S\":1}",
                "{\"S\":[N],\"y\":[N]}",
                "{\"x\":[N],\"y\":[N],W\"featureNames\":[\"aW\"]W}",
                "{\"x\":[N],W\"y\":[N]W"
            })
    void namesTheLineAndColumnOfTheBodySentInALargeMalformedBody(String template) throws IOException {
        StringBuilder compact = new StringBuilder();
        StringBuilder pretty = new StringBuilder();
        StringBuilder crlf = new StringBuilder();
        StringBuilder cr = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            String number = Double.toString(i / 7.0);
            compact.append(i == 0 ? "" : ",").append(number);
            pretty.append(i == 0 ? "    " : ",\n    ").append(number);
            crlf.append(i == 0 ? "    " : ",\r\n    ").append(number);
            cr.append(i == 0 ? "\t" : ",\r\t").append(number);
        }
        String body = template.replace("N", compact)
                .replace("P", pretty)
                .replace("Q", crlf)
                .replace("R", cr)
                .replace("W", " \r\n\t\r".repeat(40) + "\n ")
                .replace("S", "s".repeat(20_000))
                .replace("D", "1".repeat(200));
        assertThat(body.length()).isGreaterThan(32 * 1024);
        for (int chunkBytes : new int[] {7, 4096, 1 << 20}) {
            assertSameAsJackson(body, chunkBytes, FitRequest.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":[N]}xyz", "{\"x\":[N],\n\"threshold\":0.5,,}", "{\"x\":[[N]]\n"})
    void namesTheLineAndColumnOfTheBodySentInALargeMalformedPrediction(String template) throws IOException {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            numbers.append(i == 0 ? "" : ", ").append(i * 1.5);
        }
        String body = template.replace("N", numbers);
        for (int chunkBytes : new int[] {7, 1 << 20}) {
            assertSameAsJackson(body, chunkBytes, PredictionRequest.class);
        }
    }

    @Test
    void readsEveryTruncationOfABodyAsJacksonDoes() throws IOException {
        String body = "{\"epochs\": 3, \"x\": [[1.5, -2e-3], [3, 4]], \"y\": [6.25, 8], \"sampleWeights\": [1, 2]}";
        for (int cut = 0; cut <= body.length(); cut++) {
            for (int chunkBytes : new int[] {2, 1 << 20}) {
                assertSameAsJackson(body.substring(0, cut), chunkBytes, FitRequest.class);
            }
        }
    }

    @Test
    void readsABodyShorterThanItsContentLengthAsJacksonDoes() throws IOException {
        byte[] body = "{\"x\": [1, 2], \"y\": [1".getBytes(StandardCharsets.UTF_8);
        MockHttpInputMessage fast = message(body);
        fast.getHeaders().setContentLength(body.length + 100);
        MockHttpInputMessage plain = message(body);

        Throwable bulk = catchThrowable(() -> new BulkArrayJsonConverter(JACKSON, 0, 4, POOL, new SimpleMeterRegistry())
                .read(FitRequest.class, fast));
        Throwable jackson = catchThrowable(() -> JACKSON.read(FitRequest.class, plain));

        assertThat(bulk).isNotNull().hasMessage(jackson.getMessage());
    }

    @Test
    void readsRowsSplitAcrossChunksIntoOneRowMajorMatrix() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            rows.append(i == 0 ? "" : ", ")
                    .append("[")
                    .append(i)
                    .append(", ")
                    .append(-i)
                    .append(".5]");
        }
        String body = "{\"x\": [" + rows + "]}";

        PredictionRequest request = (PredictionRequest) read(body, 5, PredictionRequest.class);

        assertThat(request.x().rows()).isEqualTo(500);
        assertThat(request.x().columns()).isEqualTo(2);
        assertThat(request.x().values()[2 * 499]).isEqualTo(499.0);
        assertThat(request.x().values()[2 * 499 + 1]).isEqualTo(-499.5);
    }

    private static Object read(String body, int chunkBytes) throws IOException {
        return read(body, chunkBytes, FitRequest.class);
    }

    private static Object read(String body, int chunkBytes, Class<?> type) throws IOException {
        return new BulkArrayJsonConverter(JACKSON, 0, chunkBytes, POOL, new SimpleMeterRegistry())
                .read(type, message(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertSameAsJackson(String body, int chunkBytes, Class<?> type) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Object[] fast = new Object[1];
        Object[] plain = new Object[1];
        Throwable bulkError = catchThrowable(
                () -> fast[0] = new BulkArrayJsonConverter(JACKSON, 0, chunkBytes, POOL, new SimpleMeterRegistry())
                        .read(type, message(bytes)));
        Throwable jacksonError = catchThrowable(() -> plain[0] = JACKSON.read(type, message(bytes)));
        if (jacksonError == null) {
            assertThat(bulkError).as(body).isNull();
            // Doubles are written in full, -0.0 apart from 0.0: equal text means equal bits.
            assertThat(JSON.writeValueAsString(fast[0])).as(body).isEqualTo(JSON.writeValueAsString(plain[0]));
        } else {
            assertThat(bulkError).as(body).isNotNull().isInstanceOf(jacksonError.getClass());
            assertThat(bulkError.getMessage()).as(body).isEqualTo(jacksonError.getMessage());
            assertThat(problemOf(bulkError.getCause())).as(body).isEqualTo(problemOf(jacksonError.getCause()));
        }
    }

    /**
     * What a problem shows of Jackson's refusal: its kind, its words, the path to the field and, for a body
     * that is not JSON, where in the body as sent (line, column and byte offset), however much of it the bulk
     * reader took out before Jackson read the rest.
     */
    private static String problemOf(Throwable cause) {
        if (cause instanceof tools.jackson.core.JacksonException jackson) {
            String where = jackson.getPath().isEmpty() && jackson.getLocation() != null
                    ? " (line " + jackson.getLocation().getLineNr() + ", column "
                            + jackson.getLocation().getColumnNr() + ", byte "
                            + jackson.getLocation().getByteOffset() + ")"
                    : "";
            return jackson.getClass().getName() + ": " + jackson.getOriginalMessage() + " at "
                    + dev.gradfit.api.problem.JsonErrors.path(jackson) + ", " + jackson.getPath() + where;
        }
        return String.valueOf(cause);
    }

    private static MockHttpInputMessage message(byte[] body) {
        MockHttpInputMessage message = new MockHttpInputMessage(body);
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        message.getHeaders().setContentLength(body.length);
        return message;
    }
}
