package dev.gradfit;

import static dev.gradfit.ArrowMessages.twoColumns;
import static dev.gradfit.ArrowStreams.float64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.ArrowMessages.Batch;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arrow IPC streams a hostile client writes by hand, over real HTTP: every record batch whose metadata
 * disagrees with its body or its schema is a 400 that names the batch, the column and the fault in gradfit's
 * words, and leaves no Arrow memory allocated; a batch can never read bytes outside its own body, such as
 * those an earlier request left in freed memory; and a stream of very many tiny batches is read.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.http.max-body-size=16MB"})
class ArrowHostileStreamTest {

    private static final double[] X = {1, 2, 3};
    private static final double[] Y = {6, 8, 10};

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Autowired
    private BufferAllocator arrowMemory;

    @AfterEach
    void leavesNoArrowMemoryAllocated() {
        assertThat(arrowMemory.getAllocatedMemory()).isZero();
    }

    static Stream<Arguments> malformed() {
        Batch good = twoColumns(X, Y);
        long[][] nodes = good.nodes();
        long[][] buffers = good.buffers();
        byte[] body = good.body();
        return Stream.of(
                Arguments.of(
                        "a data buffer past the body",
                        stream(new Batch(3, nodes, replace(buffers, 3, 40, 48), body)),
                        "record batch 0, column \"y\": its data buffer (bytes 40 to 88) lies outside the batch's body"
                                + " of 64 bytes"),
                Arguments.of(
                        "a data buffer at a huge offset",
                        stream(new Batch(3, nodes, replace(buffers, 1, 1L << 40, 24), body)),
                        "column \"x\": its data buffer (bytes 1099511627776 to"),
                Arguments.of(
                        "a data buffer whose end is past the largest long",
                        stream(new Batch(3, nodes, replace(buffers, 1, 0x7ffffffffffffff8L, 16), body)),
                        "column \"x\": its data buffer (bytes 9223372036854775800 to 9223372036854775816) lies"
                                + " outside the batch's body of 64 bytes"),
                Arguments.of(
                        "2^62 rows, whose bytes no long holds",
                        stream(new Batch(
                                1L << 62,
                                new long[][] {{1L << 62, 0}, {1L << 62, 0}},
                                replace(replace(buffers, 0, 0, 0), 2, 0, 0),
                                body)),
                        "column \"x\": its data buffer holds 24 bytes, too few for 4611686018427387904 float64 values"
                                + " (36893488147419103232 bytes)"),
                Arguments.of(
                        "a 128-bit integer column",
                        ArrowMessages.schema(
                                        new ArrowType.Int(128, true),
                                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))
                                .end(),
                        "column \"x\" is int128, not numbers gradfit reads; columns must be float64, float32 or"
                                + " integers of 8 to 64 bits"),
                Arguments.of(
                        "a negative buffer offset",
                        stream(new Batch(3, nodes, replace(buffers, 1, -8, 24), body)),
                        "column \"x\": its data buffer starts at -8"),
                Arguments.of(
                        "a negative buffer length",
                        stream(new Batch(3, nodes, replace(buffers, 1, 8, -24), body)),
                        "column \"x\": its data buffer is -24 bytes long"),
                Arguments.of(
                        "an unaligned buffer",
                        stream(new Batch(3, nodes, replace(buffers, 1, 12, 24), body)),
                        "column \"x\": its data buffer starts at 12, not at a multiple of 8"),
                Arguments.of(
                        "a negative row count",
                        stream(new Batch(-1, nodes, buffers, body)),
                        "record batch 0 declares -1 rows"),
                Arguments.of(
                        "more rows than the buffers hold",
                        stream(new Batch(1000, new long[][] {{1000, 0}, {1000, 0}}, buffers, body)),
                        "column \"x\": its validity buffer holds 8 bytes, too few for 1000 rows"),
                Arguments.of(
                        "a data buffer too short for the rows",
                        stream(new Batch(3, nodes, replace(buffers, 1, 8, 16), body)),
                        "column \"x\": its data buffer holds 16 bytes, too few for 3 float64 values (24 bytes)"),
                Arguments.of(
                        "field nodes that disagree with the batch",
                        stream(new Batch(3, new long[][] {{3, 0}, {2, 0}}, buffers, body)),
                        "column \"y\": its field node has 2 rows, the batch 3"),
                Arguments.of(
                        "a negative null count",
                        stream(new Batch(3, new long[][] {{3, -1}, {3, 0}}, buffers, body)),
                        "column \"x\": its null count -1 is negative"),
                Arguments.of(
                        "more nulls than rows",
                        stream(new Batch(3, new long[][] {{3, 4}, {3, 0}}, buffers, body)),
                        "column \"x\": its null count 4 is more than its 3 rows"),
                Arguments.of(
                        "nulls declared but none marked",
                        stream(new Batch(3, new long[][] {{3, 1}, {3, 0}}, buffers, body)),
                        "column \"x\" declares 1 null values, but its validity buffer marks none"),
                Arguments.of(
                        "too few field nodes",
                        stream(new Batch(3, new long[][] {{3, 0}}, buffers, body)),
                        "record batch 0 has 1 field nodes; its 2 columns need 2"),
                Arguments.of(
                        "too many field nodes",
                        stream(new Batch(3, new long[][] {{3, 0}, {3, 0}, {3, 0}}, buffers, body)),
                        "record batch 0 has 3 field nodes; its 2 columns need 2"),
                Arguments.of(
                        "too few buffers",
                        stream(new Batch(3, nodes, java.util.Arrays.copyOf(buffers, 3), body)),
                        "record batch 0 has 3 buffers; its 2 columns need 4"),
                Arguments.of(
                        "too many buffers",
                        stream(new Batch(3, nodes, append(buffers, new long[] {0, 8}), body)),
                        "record batch 0 has 5 buffers; its 2 columns need 4"),
                Arguments.of(
                        "a compressed batch",
                        stream(good.withCompression(CompressionType.ZSTD)),
                        "record batch 0 is compressed (zstd)"),
                Arguments.of(
                        "variadic buffer counts",
                        stream(good.withVariadicCounts()),
                        "record batch 0 declares variadic buffers"),
                Arguments.of(
                        "a negative body length",
                        stream(good.withBodyLength(-64)),
                        "message 1 declares a body of -64 bytes"),
                Arguments.of(
                        "an old metadata version",
                        stream(good.withVersion(MetadataVersion.V3)),
                        "message 1 is written in Arrow metadata version V3"),
                Arguments.of(
                        "a dictionary batch",
                        ArrowMessages.float64Schema("x", "y")
                                .dictionaryBatch(good)
                                .end(),
                        "message 1 is a dictionary batch, but no column of the stream is dictionary-encoded"),
                Arguments.of(
                        "a tensor",
                        ArrowMessages.float64Schema("x", "y")
                                .other(MessageHeader.Tensor)
                                .end(),
                        "message 1 is a tensor, where a record batch was expected"),
                Arguments.of(
                        "a second schema",
                        ArrowMessages.float64Schema("x", "y")
                                .batch(good)
                                .other(MessageHeader.Schema)
                                .end(),
                        "message 2 is a schema, where a record batch was expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesEveryMalformedBatchNamingItWithoutLeakingArrowMemory(String name, byte[] stream, String reason)
            throws Exception {
        HttpResponse<String> response = api.postArrow("/api/v1/models?options=" + encode("{\"epochs\": 1}"), stream);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json.readTree(response.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("body");
        assertThat(error.get("reason").asString()).as(response.body()).contains(reason);
        assertThat(response.body()).doesNotContain("ArrowBuf", "address", "Exception", "org.apache");
        assertThat(arrowMemory.getAllocatedMemory()).as(name).isZero();
    }

    @Test
    void aBatchCannotReadTheBytesAnEarlierRequestLeftBehind() throws Exception {
        double[] secret = new double[2000];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = 1000 + i;
        }
        HttpResponse<String> first = api.postArrow(
                "/api/v1/models?options=" + encode("{\"epochs\": 1, \"learningRate\": 1e-9}"),
                ArrowStreams.write(secret.length, float64("x", secret), float64("y", secret)));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        // 100 rows, whose buffers lie in the first 4 KB of memory while the body declares 16 bytes.
        byte[] crafted = stream(new Batch(
                100,
                new long[][] {{100, 0}, {100, 0}},
                new long[][] {{0, 0}, {0, 800}, {0, 0}, {800, 800}},
                new byte[16]));
        HttpResponse<String> second = api.postArrow("/api/v1/models?options=" + encode("{\"epochs\": 1}"), crafted);

        assertThat(second.statusCode()).as(second.body()).isEqualTo(400);
        assertThat(second.body()).contains("lies outside the batch's body of 16 bytes");
    }

    @Test
    void refusesABatchDeclaringMoreBodyThanARequestMayHaveAsTooLarge() throws Exception {
        HttpResponse<String> response =
                api.postArrow("/api/v1/models", stream(twoColumns(X, Y).withBodyLength(1L << 40)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("gradfit.http.max-body-size").doesNotContain("Arrow memory");
    }

    @Test
    void readsAStreamOfFiftyThousandOneRowBatches() throws Exception {
        int rows = 50_000;
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i % 10;
            y[i] = 2 * x[i] + 4;
        }
        byte[] stream = ArrowStreams.write(1, float64("x", x), float64("y", y));

        HttpResponse<String> response = api.postArrow("/api/v1/models?options=" + encode("{\"epochs\": 1}"), stream);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode model = json.readTree(response.body());
        // The exact least-squares line of points on y = 2x + 4, to rounding.
        assertThat(model.at("/reference/weights/coefficients/0").asDouble()).isCloseTo(2, within(1e-9));
        assertThat(model.at("/reference/weights/intercept").asDouble()).isCloseTo(4, within(1e-9));
    }

    private static byte[] stream(Batch batch) {
        return ArrowMessages.float64Schema("x", "y").batch(batch).end();
    }

    private static long[][] replace(long[][] buffers, int index, long offset, long length) {
        long[][] changed = buffers.clone();
        changed[index] = new long[] {offset, length};
        return changed;
    }

    private static long[][] append(long[][] buffers, long[] extra) {
        long[][] longer = java.util.Arrays.copyOf(buffers, buffers.length + 1);
        longer[buffers.length] = extra;
        return longer;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
