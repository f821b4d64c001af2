package dev.gradfit.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chunked writer against Jackson's own serializers: the same values, written by a mapper with {@link
 * LongArraysModule} and by one without it (both with the Schubfach writer, as the application's), give the same
 * bytes.
 */
class NumberArrayWriterTest {

    private final List<NumberParsingPool> pools = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    /** Jackson's bytes, with no serializer of gradfit's. */
    private final JsonMapper jackson = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    record Answer(String before, double[] values, int[] labels, String after) {}

    @AfterEach
    void closePools() {
        pools.forEach(NumberParsingPool::close);
    }

    private NumberArrayWriter writer(int helpers, int chunkValues, int inFlight) {
        NumberParsingPool pool = new NumberParsingPool(helpers);
        pools.add(pool);
        return new NumberArrayWriter(pool, chunkValues, inFlight, meters);
    }

    private JsonMapper chunked(NumberArrayWriter writer) {
        return JsonMapper.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .addModule(new LongArraysModule(writer))
                .build();
    }

    private double chunkedWrites() {
        Counter counter =
                meters.find(NumberArrayWriter.METER).tags("writer", "chunked").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Doubles of every kind the number text treats apart, then random bit patterns of every exponent. */
    private static double[] awkwardDoubles(int length, long seed) {
        double[] special = {
            0.0,
            -0.0,
            2.0,
            -2.0,
            1.0,
            100.0,
            1e7,
            9999999.0,
            1e-3,
            9.99e-4,
            0.1,
            0.30000000000000004,
            1e22,
            1e23,
            -1e22,
            2e-323,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            -2.2250738585072014E-308,
            4.9e-324,
            123456789012345678.0,
            1.0 / 3,
            Math.PI,
            Math.ulp(1.0),
            (double) Long.MAX_VALUE,
            9007199254740993.0,
            5e-324 * 3
        };
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            double value;
            switch (i % 5) {
                case 0 -> value = special[(i / 5) % special.length];
                case 1 -> value = (double) random.nextLong(-1_000_000, 1_000_000);
                case 2 -> value = random.nextDouble(-10, 10);
                case 3 ->
                    value = Double.longBitsToDouble(random.nextLong(0, 1L << 52)) * (random.nextBoolean() ? 1 : -1);
                default -> {
                    do {
                        value = Double.longBitsToDouble(random.nextLong());
                    } while (!Double.isFinite(value));
                }
            }
            values[i] = value;
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void writesJacksonsBytesForManyDoublesOnAnyNumberOfHelpers(int helpers) {
        JsonMapper mapper = chunked(writer(helpers, 4096, 4));
        for (int length : new int[] {NumberArrayWriter.MIN_VALUES, 8193, 3 * 4096 + 1, 100_000}) {
            double[] values = awkwardDoubles(length, length);
            double before = chunkedWrites();
            assertThat(mapper.writeValueAsBytes(values))
                    .as("%d values", length)
                    .isEqualTo(jackson.writeValueAsBytes(values));
            assertThat(chunkedWrites() - before).isEqualTo(1);
        }
    }

    @Test
    void keepsTheOrderOfChunksThatEndAnywhere() {
        // Chunks of 7 values, 2 at a time on 3 helpers: many boundaries, out-of-order finishes.
        JsonMapper mapper = chunked(writer(3, 7, 2));
        double[] values = awkwardDoubles(20_000, 7);
        int[] labels = new int[values.length];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 0 ? random.nextInt() : random.nextInt(2);
        }
        labels[0] = Integer.MIN_VALUE;
        labels[1] = Integer.MAX_VALUE;
        Answer answer = new Answer("ahead", values, labels, "behind");
        double before = chunkedWrites();
        assertThat(new String(mapper.writeValueAsBytes(answer), StandardCharsets.UTF_8))
                .isEqualTo(new String(jackson.writeValueAsBytes(answer), StandardCharsets.UTF_8));
        assertThat(chunkedWrites() - before).isEqualTo(2);
    }

    @Test
    void writesNonFiniteValuesAsTheGeneratorDoes() {
        double[] values = awkwardDoubles(NumberArrayWriter.MIN_VALUES, 11);
        values[5] = Double.NaN;
        values[4096] = Double.POSITIVE_INFINITY;
        values[values.length - 1] = Double.NEGATIVE_INFINITY;
        NumberArrayWriter writer = writer(1, 4096, 2);
        assertThat(chunked(writer).writeValueAsBytes(values)).isEqualTo(jackson.writeValueAsBytes(values));
        JsonMapper bare = chunked(writer)
                .rebuild()
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build();
        JsonMapper bareJackson =
                jackson.rebuild().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
        assertThat(new String(bare.writeValueAsBytes(values), StandardCharsets.US_ASCII))
                .contains(",NaN,")
                .isEqualTo(new String(bareJackson.writeValueAsBytes(values), StandardCharsets.US_ASCII));
    }

    @Test
    void leavesShortArraysToTheGenerator() {
        JsonMapper mapper = chunked(writer(1, 16, 2));
        double[] values = awkwardDoubles(NumberArrayWriter.MIN_VALUES - 1, 5);
        double before = chunkedWrites();
        assertThat(mapper.writeValueAsBytes(values)).isEqualTo(jackson.writeValueAsBytes(values));
        assertThat(mapper.writeValueAsBytes(new double[0])).isEqualTo(jackson.writeValueAsBytes(new double[0]));
        assertThat(chunkedWrites()).isEqualTo(before);
    }

    @Test
    void countsEachGeneratorItCannotMatchAndLeavesItTheArray() {
        JsonMapper mapper = chunked(writer(1, 4096, 2));
        double[] values = awkwardDoubles(10_000, 13);

        assertThat(mapper.writeValueAsString(values)).isEqualTo(jackson.writeValueAsString(values));
        assertThat(mapper.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(values))
                .isEqualTo(jackson.writer()
                        .with(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(values));
        assertThat(mapper.writer()
                        .with(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                        .writeValueAsBytes(values))
                .isEqualTo(jackson.writer()
                        .with(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                        .writeValueAsBytes(values));

        for (String reason : List.of("not-a-byte-stream", "pretty-printed", "numbers-as-strings")) {
            assertThat(meters.find(NumberArrayWriter.METER)
                            .tags("writer", "generator", "reason", reason)
                            .counter()
                            .count())
                    .as(reason)
                    .isEqualTo(1);
        }
        assertThat(chunkedWrites()).isZero();
    }

    /** 1e6 doubles are about 19 MB of text: no write to the stream may hold more than a chunk of it. */
    @Test
    void writesChunksRatherThanTheWholeArray() throws IOException {
        JsonMapper mapper = chunked(writer(1, 4096, 4));
        double[] values = awkwardDoubles(1_000_000, 17);
        LargestWrite out = new LargestWrite();
        mapper.writeValue(out, values);
        assertThat(out.bytes.toByteArray()).isEqualTo(jackson.writeValueAsBytes(values));
        assertThat(out.bytes.size()).isGreaterThan(10_000_000);
        assertThat(out.largest).isLessThanOrEqualTo(4096 * 25);
        assertThat(out.flushes)
                .as("flushes, which would commit a response early")
                .isZero();
    }

    @Test
    void stopsWhenTheStreamFailsAndKeepsWorking() throws IOException {
        NumberArrayWriter writer = writer(1, 1024, 3);
        JsonMapper mapper = chunked(writer);
        double[] values = awkwardDoubles(50_000, 19);
        OutputStream broken = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 100_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        assertThatThrownBy(() -> mapper.writeValue(broken, values))
                .isInstanceOf(JacksonException.class)
                .hasRootCauseMessage("Broken pipe");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mapper.writeValue(out, values);
        assertThat(out.toByteArray()).isEqualTo(jackson.writeValueAsBytes(values));
    }

    private static final class LargestWrite extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int largest;
        int flushes;

        @Override
        public void write(int b) {
            bytes.write(b);
            largest = Math.max(largest, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            largest = Math.max(largest, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
