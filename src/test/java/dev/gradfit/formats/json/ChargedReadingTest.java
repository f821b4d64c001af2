package dev.gradfit.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
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
}
