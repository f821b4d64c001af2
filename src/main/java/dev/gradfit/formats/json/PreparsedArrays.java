package dev.gradfit.formats.json;

import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * Hands the arrays {@link BulkArrayScanner} parsed to the deserializers while Jackson reads the rest of
 * the same body on the same thread: a top-level {@code x}, {@code y} or {@code sampleWeights} whose value
 * is the scanner's placeholder is the array parsed for that field.
 */
public final class PreparsedArrays {

    private static final ThreadLocal<Map<String, NumberArrayParser.Parsed>> CURRENT = new ThreadLocal<>();

    private PreparsedArrays() {}

    public static void set(Map<String, NumberArrayParser.Parsed> arrays) {
        CURRENT.set(arrays);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /**
     * The array parsed for the field at the parser's position, or {@code null} when the current token is not
     * a placeholder: only a number directly in the top-level object, under a name the scanner took out, is one.
     */
    static NumberArrayParser.Parsed at(JsonParser parser) {
        Map<String, NumberArrayParser.Parsed> arrays = CURRENT.get();
        if (arrays == null || parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        TokenStreamContext context = parser.streamReadContext();
        if (context == null
                || !context.inObject()
                || context.getParent() == null
                || !context.getParent().inRoot()) {
            return null;
        }
        return arrays.get(parser.currentName());
    }
}
