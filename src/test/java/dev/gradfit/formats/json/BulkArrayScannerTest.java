package dev.gradfit.formats.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;

/**
 * The streaming scanner called directly on byte streams, with answers written down by hand: the arrays it
 * takes out, the text it leaves for Jackson, and why it stops where it stops. Streams that deliver a byte
 * at a time and pieces of a few bytes put every boundary everywhere.
 */
class BulkArrayScannerTest {

    private static final NumberParsingPool POOL = new NumberParsingPool(2);
    private static final Set<String> FIT = Set.of("x", "y", "sampleWeights");

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 1 << 20})
    void takesOutFlatArraysWithTheirExactValues(int pieceBytes) throws IOException {
        BulkArrayScanner.Split split =
                split("{\"epochs\": 5, \"x\": [1, 2.5, -3e2, 0.1], \"y\" : [ -0.0 , 1e-3,7,4.9e-324 ]}", pieceBytes);

        assertThat(split.fallback()).isNull();
        assertThat(split.arrays().get("x").values()).containsExactly(1, 2.5, -300, 0.1);
        assertThat(split.arrays().get("x").matrix()).isFalse();
        double[] y = split.arrays().get("y").values();
        assertThat(y).containsExactly(-0.0, 0.001, 7, Double.MIN_VALUE);
        assertThat(Double.doubleToRawLongBits(y[0])).isEqualTo(Long.MIN_VALUE); // -0.0, not 0.0
        assertThat(text(split.rest())).isEqualTo("{\"epochs\": 5, \"x\": 0, \"y\" : 0}");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 1 << 20})
    void takesOutRowsAsOneRowMajorMatrix(int pieceBytes) throws IOException {
        BulkArrayScanner.Split split = split("{\"x\": [[1, 2], [3, 4.5], [-5, 6e1]], \"y\": [1, 2, 3]}", pieceBytes);

        assertThat(split.fallback()).isNull();
        NumberArrayParser.Parsed x = split.arrays().get("x");
        assertThat(x.matrix()).isTrue();
        assertThat(x.rows()).isEqualTo(3);
        assertThat(x.columns()).isEqualTo(2);
        assertThat(x.values()).containsExactly(1, 2, 3, 4.5, -5, 60);
        assertThat(text(split.rest())).isEqualTo("{\"x\": 0, \"y\": 0}");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 1 << 20})
    void readsAManyPieceArrayWithoutHoldingTheBody(int pieceBytes) throws IOException {
        int n = 100_000;
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < n; i++) {
            numbers.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17e", i + 0.25));
        }
        byte[] body = ("{\"x\": [" + numbers + "]}").getBytes(StandardCharsets.UTF_8);
        InFlightMemory memory = new InFlightMemory(1L << 30, 0, 0);
        BulkArrayScanner scanner = new BulkArrayScanner(FIT, new NumberArrayParser(POOL, 64 * 1024, 100));
        BulkArrayScanner.Split split;
        InFlightMemory.Reservation reservation = memory.reserve(0);
        try (MemoryAccount account = MemoryAccount.open(reservation, 0)) {
            split = scanner.split(new ByteArrayInputStream(body), account);
            // The values (8 bytes each), their pieces while joined, a few pieces of text: less than the body.
            assertThat(reservation.held()).isGreaterThanOrEqualTo(8L * n).isLessThan(body.length);
        }
        assertThat(split.fallback()).isNull();
        double[] x = split.arrays().get("x").values();
        assertThat(x).hasSize(n);
        for (int i = 0; i < n; i += 997) {
            assertThat(x[i]).isEqualTo(i + 0.25);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"x\": [{\"size\": 1}], \"y\": [1]}",
                "{\"x\": [], \"y\": []}",
                "{\"x\": 5, \"y\": [1]}",
                "{\"x\": [1], \"y\": [[1]]}",
                "{\"\\u0078\": [1], \"y\": [1]}",
                "[1, 2]",
                "{\"epochs\": 3}"
            })
    void leavesShapesItDoesNotReadToJacksonAsTheyWere(String body) throws IOException {
        for (int pieceBytes : new int[] {1, 1 << 20}) {
            BulkArrayScanner.Split split = split(body, pieceBytes);

            assertThat(split.fallback()).as(body).isEqualTo(BulkArrayScanner.SHAPE);
            assertThat(text(split.rest()))
                    .as(body)
                    .isEqualTo(body.replace("\"x\": [1], \"y\": [[1]]", "\"x\": 0, \"y\": [[1]]"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 1 << 20})
    void writesBackWhatItReadOfAnArrayItCannotRead(int pieceBytes) throws IOException {
        BulkArrayScanner.Split split = split("{\"y\": [5], \"x\": [1, 2.50, 1e2, \"4\"], \"epochs\": 2}", pieceBytes);

        assertThat(split.fallback()).isEqualTo(BulkArrayScanner.MALFORMED);
        assertThat(split.arrays()).containsOnlyKeys("y");
        // Numbers before the piece that failed come back as Double.toString writes them; the rest as sent.
        assertThat(text(split.rest()))
                .matches("\\{\"y\": 0, \"x\": \\[(1\\.0,2\\.5,100\\.0, \"4\"|1\\.0,2\\.5, 1e2, \"4\"|1, 2\\.50,"
                        + " 1e2, \"4\")], \"epochs\": 2}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"x\": [[1, 2], [3]], \"y\": [1, 2]}",
                "{\"x\": [1, 1e400], \"y\": [1, 2]}",
                "{\"x\": [1, 2,], \"y\": [1, 2]}",
                "{\"x\": [1, 2], \"y\": [1, 2]",
                "{\"x\": [1, 2], \"y\": [1, 2"
            })
    void stopsAtWhatIsNotValidOrNotFinite(String body) throws IOException {
        for (int pieceBytes : new int[] {1, 1 << 20}) {
            assertThat(split(body, pieceBytes).fallback()).as(body).isEqualTo(BulkArrayScanner.MALFORMED);
        }
    }

    @Test
    void keepsNoLongRunOfWhitespaceOutsideTheArrays() throws IOException {
        String padding = " \n\t\r\n".repeat(1_000_000); // 5 MB
        byte[] body = (padding + "{\"x\": [1, 2],  " + padding + "\"y\": [3, 4]" + padding + "}" + padding)
                .getBytes(StandardCharsets.UTF_8);
        InFlightMemory memory = new InFlightMemory(1 << 20, 0, 0);
        BulkArrayScanner scanner = new BulkArrayScanner(FIT, new NumberArrayParser(POOL, 1 << 20, 100));
        BulkArrayScanner.Split split;
        InFlightMemory.Reservation reservation = memory.reserve(0);
        try (MemoryAccount account = MemoryAccount.open(reservation, 0)) {
            split = scanner.split(new ByteArrayInputStream(body), body.length, account);
            assertThat(reservation.held()).isLessThan(64 * 1024);
        }

        assertThat(split.fallback()).isNull();
        assertThat(split.arrays().get("y").values()).containsExactly(3, 4);
        // Each long run is one space, and what follows the object is left as it came.
        String rest = text(split.rest());
        assertThat(rest)
                .startsWith(" {\"x\": 0, \"y\": 0 }")
                .hasSize(" {\"x\": 0, \"y\": 0 }".length() + padding.length());
    }

    @Test
    void leavesAStringLongerThanJacksonTakesToJacksonWithoutHoldingIt() throws IOException {
        String name = "a".repeat(5_000_000);
        String sent = "{\"featureNames\": [\"" + name + "\"], \"x\": [1, 2], \"y\": [3, 4]}";
        byte[] body = sent.getBytes(StandardCharsets.UTF_8);
        InFlightMemory memory = new InFlightMemory(1 << 20, 0, 0);
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxStringLength(10_000)
                .maxNameLength(256)
                .maxNumberLength(100)
                .build(); // gradfit's
        BulkArrayScanner scanner = new BulkArrayScanner(FIT, new NumberArrayParser(POOL, 1 << 20, 100), limits);
        BulkArrayScanner.Split split;
        InFlightMemory.Reservation reservation = memory.reserve(0);
        try (MemoryAccount account = MemoryAccount.open(reservation, 0)) {
            split = scanner.split(new ByteArrayInputStream(body), body.length, account);
            assertThat(reservation.held()).isLessThan(64 * 1024);
        }

        // Jackson reads the body as sent from the string on, and refuses it at featureNames[0] as it would.
        assertThat(split.fallback()).isEqualTo(BulkArrayScanner.LONG_TOKEN);
        assertThat(text(split.rest())).isEqualTo(sent);
    }

    private static BulkArrayScanner.Split split(String body, int pieceBytes) throws IOException {
        BulkArrayScanner scanner = new BulkArrayScanner(FIT, new NumberArrayParser(POOL, pieceBytes, 100));
        return scanner.split(oneByteAtATime(body.getBytes(StandardCharsets.UTF_8)), MemoryAccount.NONE);
    }

    /** A stream that gives at most one byte a read, as a slow client's body arrives. */
    private static InputStream oneByteAtATime(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                return super.read(into, offset, Math.min(length, 1));
            }
        };
    }

    private static String text(InputStream rest) throws IOException {
        return new String(rest.readAllBytes(), StandardCharsets.UTF_8);
    }
}
