package dev.gradfit.api.request;

import dev.gradfit.formats.json.BulkArrayScanner;
import dev.gradfit.formats.json.NumberArrayParser;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.formats.json.PreparsedArrays;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.StreamReadConstraints;

/**
 * Reads fit and prediction bodies of at least {@code minBytes} (declared by Content-Length, UTF-8) with
 * their number arrays parsed straight from the bytes on every core ({@link BulkArrayScanner}), and the rest
 * by the Jackson converter it wraps. Whatever the scanner does not recognise, and every body Jackson refuses,
 * is read again by the Jackson converter alone from the original bytes, so that answers and problems are
 * the same as without it. Smaller and chunked bodies go to the Jackson converter unchanged.
 */
final class BulkArrayJsonConverter implements HttpMessageConverter<Object> {

    private static final Set<String> FIT_ARRAYS = Set.of("x", "y", "sampleWeights");
    private static final Set<String> PREDICTION_ARRAYS = Set.of("x");

    private final AbstractJacksonHttpMessageConverter<?> jackson;
    private final Map<Class<?>, BulkArrayScanner> scanners;
    private final long minBytes;
    private final long maxBytes;

    BulkArrayJsonConverter(AbstractJacksonHttpMessageConverter<?> jackson, long minBytes, NumberParsingPool pool) {
        this(jackson, minBytes, NumberArrayParser.CHUNK_BYTES, pool);
    }

    BulkArrayJsonConverter(
            AbstractJacksonHttpMessageConverter<?> jackson, long minBytes, int chunkBytes, NumberParsingPool pool) {
        this.jackson = jackson;
        StreamReadConstraints limits = jackson.getMapper().tokenStreamFactory().streamReadConstraints();
        this.maxBytes = limits.getMaxDocumentLength() > 0 ? limits.getMaxDocumentLength() - 1 : Integer.MAX_VALUE - 8;
        // The body without its arrays could pass a limit that the whole body breaks; leave those to Jackson.
        boolean limitsFit = limits.getMaxNestingDepth() >= 3 && limits.getMaxTokenCount() <= 0;
        this.minBytes = limitsFit ? minBytes : Long.MAX_VALUE;
        NumberArrayParser numbers = new NumberArrayParser(pool, chunkBytes, limits.getMaxNumberLength());
        this.scanners = Map.of(
                FitRequest.class, new BulkArrayScanner(FIT_ARRAYS, numbers),
                PredictionRequest.class, new BulkArrayScanner(PREDICTION_ARRAYS, numbers));
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
        if (scanner == null
                || declared < minBytes
                || declared > Math.min(maxBytes, Integer.MAX_VALUE - 8)
                || !utf8(headers)) {
            return jackson.read(type, input);
        }
        byte[] body = new byte[(int) declared];
        int length = input.getBody().readNBytes(body, 0, body.length);
        BulkArrayScanner.Split split = scanner.split(body, length, MemoryAccounts.current());
        if (split != null) {
            PreparsedArrays.set(split.arrays());
            try {
                return jackson.read(type, message(headers, new ByteArrayInputStream(split.rest())));
            } catch (HttpMessageNotReadableException refused) {
                // Read it again as a whole below, so that the problem names what it names without the scanner.
            } finally {
                PreparsedArrays.clear();
            }
        }
        return jackson.read(type, message(headers, new ByteArrayInputStream(body, 0, length)));
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
