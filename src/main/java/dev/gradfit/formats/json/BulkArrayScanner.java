package dev.gradfit.formats.json;

import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds the large number arrays of a request body ({@code x}, {@code y}, {@code sampleWeights}) among the
 * fields of its top-level object, parses them with {@link NumberArrayParser}, and returns the body with
 * each of them replaced by the placeholder {@code 0}, for Jackson to read the rest as before.
 *
 * <p>It only recognises the plain shape: one object, field names without escapes, each named array once,
 * non-empty, of numbers or of rows of numbers. For anything else it returns {@code null} and the whole body
 * goes to Jackson, which reads (and refuses) it exactly as without this scanner.
 */
public final class BulkArrayScanner {

    /** The body with the arrays taken out, and the arrays by field name. */
    public record Split(byte[] rest, Map<String, NumberArrayParser.Parsed> arrays) {}

    private final Set<String> fields;
    private final NumberArrayParser numbers;

    public BulkArrayScanner(Set<String> fields, NumberArrayParser numbers) {
        this.fields = fields;
        this.numbers = numbers;
    }

    /**
     * The body without its number arrays, and the arrays, charged to {@code account}; {@code null} when the
     * body is not one this scanner reads exactly.
     *
     * @throws ServerBusyException if the budget cannot cover the arrays
     */
    public Split split(byte[] body, int length, MemoryAccount account) {
        try {
            return scan(body, length, account);
        } catch (ServerBusyException refused) {
            throw refused;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private Split scan(byte[] body, int length, MemoryAccount account) {
        int p = NumberArrayParser.skipWhitespace(body, 0, length);
        if (p >= length || body[p] != '{') {
            return null;
        }
        Map<String, NumberArrayParser.Parsed> arrays = new HashMap<>();
        ByteArrayOutputStream rest = new ByteArrayOutputStream(256);
        int copied = 0;
        p = NumberArrayParser.skipWhitespace(body, p + 1, length);
        if (p < length && body[p] == '}') {
            return null;
        }
        while (true) {
            if (p >= length || body[p] != '"') {
                return null;
            }
            int nameStart = p + 1;
            int nameEnd = nameStart;
            while (nameEnd < length && body[nameEnd] != '"') {
                if (body[nameEnd] == '\\' || (body[nameEnd] & 0xff) < 0x20) {
                    return null;
                }
                nameEnd++;
            }
            if (nameEnd >= length) {
                return null;
            }
            p = NumberArrayParser.skipWhitespace(body, nameEnd + 1, length);
            if (p >= length || body[p] != ':') {
                return null;
            }
            p = NumberArrayParser.skipWhitespace(body, p + 1, length);
            String name = fieldOfInterest(body, nameStart, nameEnd);
            if (name != null) {
                if (arrays.containsKey(name) || p >= length || body[p] != '[') {
                    return null;
                }
                NumberArrayParser.Parsed parsed = numbers.parse(body, p, length, account);
                if (parsed == null) {
                    return null;
                }
                if (parsed.matrix() && !name.equals("x")) {
                    return null; // only x has rows; Jackson names the element that is an array
                }
                arrays.put(name, parsed);
                rest.write(body, copied, p - copied);
                rest.write('0');
                copied = parsed.end();
                p = parsed.end();
            } else {
                p = skipValue(body, p, length);
                if (p < 0) {
                    return null;
                }
            }
            p = NumberArrayParser.skipWhitespace(body, p, length);
            if (p >= length) {
                return null;
            }
            if (body[p] == '}') {
                break;
            }
            if (body[p] != ',') {
                return null;
            }
            p = NumberArrayParser.skipWhitespace(body, p + 1, length);
        }
        if (arrays.isEmpty()) {
            return null;
        }
        rest.write(body, copied, length - copied);
        return new Split(rest.toByteArray(), arrays);
    }

    private String fieldOfInterest(byte[] body, int from, int to) {
        if (to - from > 16) {
            return null;
        }
        String name = new String(body, from, to - from, StandardCharsets.ISO_8859_1);
        return fields.contains(name) ? name : null;
    }

    /** The index after the JSON value at {@code p} (not validated: Jackson reads it later), or -1. */
    private static int skipValue(byte[] body, int p, int length) {
        if (p >= length) {
            return -1;
        }
        byte c = body[p];
        if (c == '"') {
            return skipString(body, p, length);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (p < length) {
                c = body[p];
                if (c == '"') {
                    p = skipString(body, p, length);
                    if (p < 0) {
                        return -1;
                    }
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        return p + 1;
                    }
                }
                p++;
            }
            return -1;
        }
        while (p < length) {
            c = body[p];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                return p;
            }
            p++;
        }
        return -1;
    }

    private static int skipString(byte[] body, int p, int length) {
        p++;
        while (p < length) {
            byte c = body[p];
            if (c == '\\') {
                p += 2;
            } else if (c == '"') {
                return p + 1;
            } else {
                p++;
            }
        }
        return -1;
    }
}
