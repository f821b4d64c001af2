package dev.gradfit.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The readers charge the account they are given before they allocate, and a refusal is not a malformed body. */
class ChargedReadingTest {

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(FeatureMatrix.class, new FeatureMatrixDeserializer()))
            .build();

    /** 1000 numbers: 8000 bytes in the array that holds them, more in the copies it grows through. */
    private final String thousand = "[" + String.join(",", Collections.nCopies(1000, "1.5")) + "]";

    @Test
    void jacksonsReaderChargesTheAccountItIsGiven() {
        InFlightMemory memory = new InFlightMemory(4096, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            assertThatThrownBy(() -> json.readerFor(FeatureMatrix.class)
                            .withAttribute(MemoryAccount.class, account)
                            .readValue(thousand))
                    .isInstanceOf(ServerBusyException.class);
        }
        assertThat(json.readValue(thousand, FeatureMatrix.class).rows()).isEqualTo(1000);
    }

    @Test
    void theBulkParserChargesItsChunksAndSaysWhenRefused() {
        InFlightMemory memory = new InFlightMemory(4096, 0, 0);
        byte[] body = thousand.getBytes(StandardCharsets.UTF_8);
        NumberArrayParser parser = new NumberArrayParser(NumberParsingPool.everyCore(), 64, 100);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            assertThatThrownBy(() -> parser.parse(body, 0, body.length, account))
                    .isInstanceOf(ServerBusyException.class);
        }
        InFlightMemory roomy = new InFlightMemory(1 << 20, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(roomy.reserve(0), 1)) {
            assertThat(parser.parse(body, 0, body.length, account).rows()).isEqualTo(1000);
            assertThat(roomy.reserved()).isGreaterThanOrEqualTo(8000);
        }
        assertThat(roomy.reserved()).isZero();
    }

    @Test
    void aBodyThatStallsHoldsNoMoreThanItsFewBytesNeed() throws IOException {
        // A client declares 33,000 bytes (over the bulk reader's 32 KiB threshold), sends 20 and stops.
        byte[] sent = "{\"x\":[1.5,2.5,3.5,4.".getBytes(StandardCharsets.UTF_8);
        assertThat(sent).hasSize(20);
        InFlightMemory memory = new InFlightMemory(1L << 30, 0, 0);
        long[] heldWhenStalled = new long[1];
        InputStream stalling = new InputStream() {
            private final InputStream first = new ByteArrayInputStream(sent);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (first.available() > 0) {
                    return first.read(into, offset, length);
                }
                heldWhenStalled[0] = memory.reserved();
                throw new SocketTimeoutException("the client stopped sending");
            }
        };
        BulkArrayScanner scanner = new BulkArrayScanner(
                Set.of("x", "y"),
                new NumberArrayParser(NumberParsingPool.everyCore(), NumberArrayParser.CHUNK_BYTES, 100));

        try (MemoryAccount account = MemoryAccount.open(memory.reserve(16_500), 0.5)) {
            assertThatThrownBy(() -> scanner.split(stalling, 33_000, account))
                    .isInstanceOf(SocketTimeoutException.class);
        }

        // The documented reservation (Content-Length x 0.5) and a window of a few KiB; not a 1 MiB piece.
        assertThat(heldWhenStalled[0]).isPositive().isLessThanOrEqualTo(32 * 1024);
        assertThat(memory.reserved()).isZero();
    }
}
