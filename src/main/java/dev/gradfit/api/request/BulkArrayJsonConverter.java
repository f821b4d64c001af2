package dev.gradfit.api.request;

import dev.gradfit.formats.json.BulkArrayScanner;
import dev.gradfit.formats.json.NumberArrayParser;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.formats.json.PreparsedArrays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;

/**
 * Reads fit and prediction bodies of at least {@code minBytes} (by Content-Length; chunked bodies too) while
 * they arrive: {@link BulkArrayScanner} parses their number arrays on every core as the bytes come in, and
 * the Jackson converter it wraps reads the rest of the body, taking the arrays from {@link PreparsedArrays}.
 * Where the scanner stops (a shape it does not read, a value that is not a finite number, a charset other
 * than UTF-8, parser limits it cannot check), Jackson reads the body from that point on, so that answers and
 * problems are the same as without it; each such fallback is counted in {@code gradfit.json.fallbacks}
 * (tagged with the {@code reason}) and logged at debug, and each body read with every array taken from the
 * scanner in {@code gradfit.json.fast.reads}. Smaller bodies go to the Jackson converter unchanged.
 */
final class BulkArrayJsonConverter implements HttpMessageConverter<Object> {

    private static final Logger log = LoggerFactory.getLogger(BulkArrayJsonConverter.class);

    private static final Set<String> FIT_ARRAYS = Set.of("x", "y", "sampleWeights", "offset");
    private static final Set<String> PREDICTION_ARRAYS = Set.of("x");

    /** Why a body was left to Jackson: its charset is not UTF-8. */
    static final String CHARSET = "charset";

    /** Why a body was left to Jackson: the parser's limits are ones the scanner cannot check. */
    static final String LIMITS = "limits";

    private final AbstractJacksonHttpMessageConverter<?> jackson;
    private final Map<Class<?>, BulkArrayScanner> scanners;
    private final long minBytes;
    private final boolean limitsFit;
    private final MeterRegistry meters;
    private final Counter fastReads;

    BulkArrayJsonConverter(
            AbstractJacksonHttpMessageConverter<?> jackson,
            long minBytes,
            NumberParsingPool pool,
            MeterRegistry meters) {
        this(jackson, minBytes, NumberArrayParser.CHUNK_BYTES, pool, meters);
    }

    BulkArrayJsonConverter(
            AbstractJacksonHttpMessageConverter<?> jackson,
            long minBytes,
            int chunkBytes,
            NumberParsingPool pool,
            MeterRegistry meters) {
        this.jackson = jackson;
        this.minBytes = minBytes;
        this.meters = meters;
        this.fastReads = Counter.builder("gradfit.json.fast.reads")
                .description("JSON bodies whose number arrays were all read while they arrived, not by Jackson")
                .register(meters);
        StreamReadConstraints limits = jackson.getMapper().tokenStreamFactory().streamReadConstraints();
        // The body without its arrays could pass a limit that the whole body breaks; leave those to Jackson.
        this.limitsFit = limits.getMaxNestingDepth() >= 3
                && limits.getMaxTokenCount() <= 0
                && limits.getMaxDocumentLength() <= 0;
        NumberArrayParser numbers = new NumberArrayParser(pool, chunkBytes, limits.getMaxNumberLength());
        this.scanners = Map.of(
                FitRequest.class, new BulkArrayScanner(FIT_ARRAYS, numbers, limits),
                PredictionRequest.class, new BulkArrayScanner(PREDICTION_ARRAYS, numbers, limits));
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return scanners.containsKey(type) && jackson.canRead(type, mediaType);
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return jackson.getSupportedMediaTypes();
    }

    @Override
    public Object read(Class<?> type, HttpInputMessage input) throws IOException {
        HttpHeaders headers = input.getHeaders();
        long declared = headers.getContentLength();
        BulkArrayScanner scanner = scanners.get(type);
        if (scanner == null || (declared >= 0 && declared < minBytes)) {
            return jackson.read(type, input);
        }
        if (!limitsFit || !utf8(headers)) {
            fallback(type, limitsFit ? CHARSET : LIMITS);
            return jackson.read(type, input);
        }
        BulkArrayScanner.Split split = scanner.split(input.getBody(), declared, MemoryAccounts.current());
        if (split.fallback() != null) {
            fallback(type, split.fallback());
        }
        PreparsedArrays.set(split.arrays());
        try {
            Object read;
            try {
                read = jackson.read(type, message(headers, split.rest()));
            } catch (HttpMessageNotReadableException refused) {
                throw relocated(refused, split, input);
            }
            if (split.fallback() == null
                    && PreparsedArrays.taken() == split.arrays().size()) {
                fastReads.increment();
            }
            return read;
        } finally {
            PreparsedArrays.clear();
        }
    }

    /**
     * Jackson's refusal of the text it read, naming the line and column of the body as sent: the same problem
     * as Jackson reading the body itself gives.
     */
    private static HttpMessageNotReadableException relocated(
            HttpMessageNotReadableException refused, BulkArrayScanner.Split split, HttpInputMessage input) {
        if (refused.getCause() instanceof JacksonException cause) {
            JacksonException moved = split.sourceMap().relocate(cause);
            if (moved != cause) {
                return new HttpMessageNotReadableException(refused.getMessage(), moved, input);
            }
        }
        return refused;
    }

    private void fallback(Class<?> type, String reason) {
        meters.counter("gradfit.json.fallbacks", "reason", reason).increment();
        log.debug("{} body read by Jackson, not by the bulk reader: {}", type.getSimpleName(), reason);
    }

    @Override
    public void write(Object value, MediaType contentType, HttpOutputMessage output) {
        throw new UnsupportedOperationException("reads request bodies only");
    }

    private static boolean utf8(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        Charset charset = type == null ? null : type.getCharset();
        return charset == null || charset.equals(StandardCharsets.UTF_8);
    }

    private static HttpInputMessage message(HttpHeaders headers, InputStream body) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
