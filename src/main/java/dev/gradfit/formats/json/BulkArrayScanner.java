package dev.gradfit.formats.json;

import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.StreamReadConstraints;

/**
 * Reads a request body as it arrives, finds the large number arrays ({@code x}, {@code y},
 * {@code sampleWeights}) among the fields of its top-level object, and parses them while they stream in
 * ({@link NumberArrayStream}, on every core); the rest of the body, with each of those arrays replaced by
 * the placeholder {@code 0}, is what Jackson reads next ({@link PreparsedArrays} hands it the arrays). Only
 * a window of the body and its text outside the arrays are held, never the whole body.
 *
 * <p>It reads only the plain shape: one object, field names without escapes, each named array once,
 * non-empty, of finite numbers or (for {@code x}) of rows of them. On anything else it stops and says why
 * ({@link Split#fallback}); the text it gives Jackson then is the body itself from that point on (with
 * the arrays read before it as placeholders, and the part of an array read so far written back as
 * numbers), so that Jackson reads, or refuses, exactly what it would have without this scanner.
 */
public final class BulkArrayScanner {

    /** Why the scanner left (part of) a body to Jackson: its shape is not the plain one. */
    public static final String SHAPE = "shape";

    /** Why the scanner left (part of) a body to Jackson: it is not valid JSON, or has a value that is not a finite number. */
    public static final String MALFORMED = "malformed";

    /**
     * What Jackson reads ({@code rest}), the arrays taken out of it by field name, {@code null} or why the
     * scanner stopped before the end of the body's top-level object ({@link #SHAPE}, {@link #MALFORMED}), and
     * where the places in {@code rest} are in the body as sent ({@code sourceMap}).
     */
    public record Split(
            InputStream rest, Map<String, NumberArrayParser.Parsed> arrays, String fallback, SourceMap sourceMap) {}

    private final Set<String> fields;
    private final NumberArrayStream numbers;
    private final int windowBytes;

    /**
     * Why the scanner left (part of) a body to Jackson: a string, field name or number outside the arrays is
     * longer than the parser's limits let Jackson take, so Jackson reads it from the body and refuses it (or,
     * for a string whose escapes make it shorter than its bytes, takes it) as it would have alone.
     */
    public static final String LONG_TOKEN = "long-token";

    private final long maxTokenBytes;

    /** A scanner for a parser with Jackson's default limits. */
    public BulkArrayScanner(Set<String> fields, NumberArrayParser numbers) {
        this(fields, numbers, StreamReadConstraints.defaults());
    }

    /** A scanner that holds no token longer than {@code limits} let Jackson take, and no long run of whitespace. */
    public BulkArrayScanner(Set<String> fields, NumberArrayParser numbers, StreamReadConstraints limits) {
        this.fields = fields;
        this.numbers = new NumberArrayStream(numbers);
        this.windowBytes = Math.min(numbers.chunkBytes(), 16 * 1024);
        // A token of more bytes has more characters or digits than any limit allows (an escape only shortens it).
        this.maxTokenBytes =
                Math.max(limits.getMaxStringLength(), Math.max(limits.getMaxNameLength(), limits.getMaxNumberLength()))
                        + 16L;
    }

    /** {@link #split(InputStream, long, MemoryAccount)} of a body that declares no length. */
    public Split split(InputStream body, MemoryAccount account) throws IOException {
        return split(body, -1, account);
    }

    /**
     * Reads {@code body} up to the end of its top-level object, its arrays charged to {@code account}; no
     * buffer is made longer than the {@code declared} length (-1: none declared) lets the body fill, and
     * buffers grow only as bytes arrive, so a body that stalls holds about what it sent.
     *
     * @throws ServerBusyException if the budget cannot cover the arrays
     * @throws IOException if the body cannot be read
     */
    public Split split(InputStream body, long declared, MemoryAccount account) throws IOException {
        SourceMap sourceMap = new SourceMap(account);
        BodyWindow window = new BodyWindow(body, windowBytes, declared, sourceMap, account);
        Map<String, NumberArrayParser.Parsed> arrays = new HashMap<>();
        InputStream[] arrayText = new InputStream[1];
        String stopped = scan(window, arrays, arrayText, sourceMap, account);
        InputStream rest = arrayText[0] == null ? window.kept() : new SequenceInputStream(window.kept(), arrayText[0]);
        return new Split(new SequenceInputStream(rest, window.remainder()), arrays, stopped, sourceMap);
    }

    /**
     * Scans the top level; returns {@code null} when every byte up to the object's end was read, else why
     * not, with the text of an array it stopped in as {@code arrayText[0]}.
     */
    private String scan(
            BodyWindow window,
            Map<String, NumberArrayParser.Parsed> arrays,
            InputStream[] arrayText,
            SourceMap sourceMap,
            MemoryAccount account)
            throws IOException {
        if (window.skipWhitespace() != '{') {
            return SHAPE;
        }
        window.skip();
        if (window.skipWhitespace() == '}') {
            return SHAPE;
        }
        byte[] name = new byte[17];
        while (true) {
            if (window.peek() != '"') {
                return MALFORMED;
            }
            window.skip();
            int length = 0;
            int c;
            while ((c = window.peek()) != '"') {
                if (c < 0) {
                    return MALFORMED;
                }
                if (c == '\\' || c < 0x20) {
                    return SHAPE;
                }
                if (length > maxTokenBytes) {
                    return LONG_TOKEN;
                }
                if (length < name.length) {
                    name[length] = (byte) c;
                }
                length++;
                window.skip();
            }
            window.skip();
            if (window.skipWhitespace() != ':') {
                return MALFORMED;
            }
            window.skip();
            int value = window.skipWhitespace();
            String field = length < name.length ? new String(name, 0, length, StandardCharsets.ISO_8859_1) : null;
            if (field != null && fields.contains(field)) {
                if (arrays.containsKey(field) || value != '[') {
                    return SHAPE;
                }
                window.keep();
                long placeholder = window.keptLength();
                window.skip();
                long linesBefore = window.lines();
                long rowStartBefore = window.rowStart();
                long valuesStart = window.offset();
                NumberArrayStream.Outcome outcome = numbers.read(window, field.equals("x"), account);
                NumberArrayStream.Span span = outcome.span();
                long rowStart = span.lastRowStart() >= 0 ? span.lastRowStart() : rowStartBefore;
                if (outcome.parsed() == null) {
                    if (outcome.values() != null) {
                        // The text goes on with '[' and the values read so far, written back.
                        sourceMap.replacedBy(
                                outcome.values(),
                                placeholder + 1,
                                valuesStart + span.bytes(),
                                span.lineBreaks(),
                                rowStart);
                    }
                    arrayText[0] = outcome.replay();
                    return outcome.failure();
                }
                window.passed(span.lineBreaks(), rowStart);
                arrays.put(field, outcome.parsed());
                window.keep((byte) '0');
                sourceMap.replaced(
                        placeholder, placeholder + 1, window.offset(), window.lines() - linesBefore, window.rowStart());
            } else {
                String stopped = skipValue(window);
                if (stopped != null) {
                    return stopped;
                }
            }
            c = window.skipWhitespace();
            if (c == '}') {
                window.skip();
                break;
            }
            if (c != ',') {
                return MALFORMED;
            }
            window.skip();
            window.skipWhitespace();
        }
        return arrays.isEmpty() ? SHAPE : null;
    }

    /**
     * Consumes the JSON value at the window's position (not validated: Jackson reads it later); {@code null},
     * or why it stopped: {@link #MALFORMED} if the body ends in it, {@link #LONG_TOKEN} at a token longer than
     * Jackson takes. Long runs of whitespace in it are not kept ({@link BodyWindow#skipWhitespace}).
     */
    private String skipValue(BodyWindow window) throws IOException {
        int c = window.peek();
        if (c == '"') {
            return skipString(window);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while ((c = window.peek()) >= 0) {
                if (c == '"') {
                    String stopped = skipString(window);
                    if (stopped != null) {
                        return stopped;
                    }
                    continue;
                }
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    window.skipWhitespace();
                    continue;
                }
                window.skip();
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return null;
                }
            }
            return MALFORMED;
        }
        long length = 0;
        while ((c = window.peek()) >= 0) {
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                return null;
            }
            if (++length > maxTokenBytes) {
                return LONG_TOKEN;
            }
            window.skip();
        }
        return MALFORMED;
    }

    private String skipString(BodyWindow window) throws IOException {
        window.skip();
        long length = 0;
        int c;
        while ((c = window.peek()) >= 0) {
            if (++length > maxTokenBytes) {
                return LONG_TOKEN;
            }
            window.skip();
            if (c == '\\') {
                if (window.peek() < 0) {
                    return MALFORMED;
                }
                window.skip();
                length++;
            } else if (c == '"') {
                return null;
            }
        }
        return MALFORMED;
    }
}
