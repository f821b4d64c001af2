package dev.gradfit.formats.json;

import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.memory.MemoryAccount;
import java.nio.charset.StandardCharsets;

/**
 * Reads a body that is one object with one field, a flat array of numbers, such as {@code {"x": [1, 2]}}
 * (JSON whitespace anywhere between), straight from its bytes with {@link NumberArrayParser}, which gives
 * {@code Double.parseDouble}'s bits. The field's name must be written plainly (no escapes).
 */
public final class SingleArrayBody {

    private final byte[] quotedName;
    private final NumberArrayParser numbers;

    public SingleArrayBody(String field, NumberArrayParser numbers) {
        this.quotedName = ('"' + field + '"').getBytes(StandardCharsets.UTF_8);
        this.numbers = numbers;
    }

    /**
     * The array as one column of points, charged to {@code account}, or {@code null} when the body is not that
     * shape or not read exactly.
     */
    public FeatureMatrix read(byte[] body, int length, MemoryAccount account) {
        int p = NumberArrayParser.skipWhitespace(body, 0, length);
        if (!at(body, p, length, '{')) {
            return null;
        }
        p = NumberArrayParser.skipWhitespace(body, p + 1, length);
        for (byte expected : quotedName) {
            if (!at(body, p++, length, (char) expected)) {
                return null;
            }
        }
        p = NumberArrayParser.skipWhitespace(body, p, length);
        if (!at(body, p, length, ':')) {
            return null;
        }
        p = NumberArrayParser.skipWhitespace(body, p + 1, length);
        if (!at(body, p, length, '[')) {
            return null;
        }
        NumberArrayParser.Parsed x = numbers.parse(body, p, length, account);
        if (x == null || x.matrix()) {
            return null;
        }
        p = NumberArrayParser.skipWhitespace(body, x.end(), length);
        if (p >= length || body[p] != '}' || NumberArrayParser.skipWhitespace(body, p + 1, length) != length) {
            return null;
        }
        return new FeatureMatrix(x.values(), x.rows(), 1);
    }

    private static boolean at(byte[] body, int p, int length, char expected) {
        return p < length && body[p] == expected;
    }
}
