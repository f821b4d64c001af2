package dev.gradfit.formats.json;

import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * Hands the arrays {@link BulkArrayScanner} parsed to the deserializers while Jackson reads the rest of
 * the same body on the same thread: a top-level {@code x}, {@code y}, {@code sampleWeights} or {@code offset} whose value
 * is the scanner's placeholder is the array parsed for that field.
 */
public final class PreparsedArrays {

    private static final ThreadLocal<Map<String, NumberArrayParser.Parsed>> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<int[]> TAKEN = ThreadLocal.withInitial(() -> new int[1]);

    private PreparsedArrays() {}

    public static void set(Map<String, NumberArrayParser.Parsed> arrays) {
        CURRENT.set(arrays);
        TAKEN.get()[0] = 0;
    }

    /** How many of the arrays {@link #set} handed over the deserializers have taken since. */
    public static int taken() {
        return TAKEN.get()[0];
    }

    public static void clear() {
        CURRENT.remove();
        TAKEN.get()[0] = 0;
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
        NumberArrayParser.Parsed parsed = arrays.get(parser.currentName());
        if (parsed != null) {
            TAKEN.get()[0]++;
        }
        return parsed;
    }
}
