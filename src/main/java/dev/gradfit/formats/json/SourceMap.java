package dev.gradfit.formats.json;

import dev.gradfit.memory.MemoryAccount;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * Where a place in the text Jackson reads after {@link BulkArrayScanner} (the body with its arrays, and long
 * runs of whitespace, replaced by a few bytes) is in the body as sent, counted as Jackson counts: bytes from
 * the start, lines broken by LF, CRLF or a lone CR, columns in bytes from 1. A refusal of the rewritten text
 * is thereby {@link #relocate relocated} to the line and column that Jackson, reading the body itself, names.
 *
 * <p>It keeps, per replaced span, where it ends in both texts, the line breaks it held and where the line
 * around its end starts; a replacement never holds a line break, so the text between two spans is the same
 * in both and shifts by whole bytes and lines.
 */
public final class SourceMap {

    /**
     * Per span: its start and end in the rewritten text, its end in the body, where the body's line around
     * that end starts, and the line breaks taken out up to there.
     */
    private static final int FIELDS = 5;

    private final MemoryAccount account;
    private long[] spans = new long[0];
    private int count;
    private long linesRemoved;

    /** The last span, whose rewritten length is known only once Jackson has read it: the values written back. */
    private long openAt = -1;

    private long openEnd;
    private long openRowStart;
    private long openLines;
    private ValuesText open;

    SourceMap(MemoryAccount account) {
        this.account = account;
    }

    /**
     * Records that the body's bytes up to {@code originalEnd} (after the previous span) are replaced by the
     * rewritten bytes {@code [rewrittenStart, rewrittenEnd)}, which hold no line break.
     *
     * @param lines the line breaks in the replaced bytes
     * @param rowStart where in the body the line holding {@code originalEnd} starts
     */
    void replaced(long rewrittenStart, long rewrittenEnd, long originalEnd, long lines, long rowStart) {
        if (FIELDS * (count + 1) > spans.length) {
            int longer = Math.max(4 * FIELDS, 2 * spans.length);
            account.charge(8L * longer);
            long[] old = spans;
            spans = java.util.Arrays.copyOf(old, longer);
            account.release(8L * old.length);
        }
        linesRemoved += lines;
        int at = FIELDS * count++;
        spans[at] = rewrittenStart;
        spans[at + 1] = rewrittenEnd;
        spans[at + 2] = originalEnd;
        spans[at + 3] = rowStart;
        spans[at + 4] = linesRemoved;
    }

    /**
     * Records the last span: the body's bytes up to {@code originalEnd} are replaced, from
     * {@code rewrittenStart}, by {@code values}, however long that turns out as Jackson reads it.
     */
    void replacedBy(ValuesText values, long rewrittenStart, long originalEnd, long lines, long rowStart) {
        open = values;
        openAt = rewrittenStart;
        openEnd = originalEnd;
        openLines = lines;
        openRowStart = rowStart;
    }

    /** Where {@code rewritten}, a place in the text Jackson read, is in the body as sent. */
    public TokenStreamLocation original(TokenStreamLocation rewritten) {
        long r = rewritten.getByteOffset() >= 0 ? rewritten.getByteOffset() : rewritten.getCharOffset();
        if (r < 0 || rewritten.getLineNr() <= 0 || rewritten.getColumnNr() <= 0 || (count == 0 && open == null)) {
            return rewritten;
        }
        closeOpenSpan();
        long column = rewritten.getColumnNr();
        if (open != null && r >= openAt) {
            // Inside values Jackson has not read to their end: the place where they start.
            column -= r - openAt;
            r = openAt;
        }
        int span = lastStartingAtOrBefore(r);
        if (span >= 0 && r < spans[FIELDS * span + 1]) {
            // Inside a replacement: the place where the replaced bytes start.
            column -= r - spans[FIELDS * span];
            r = spans[FIELDS * span];
            span--;
        }
        if (span < 0) {
            return rewritten;
        }
        int at = FIELDS * span;
        long rewrittenEnd = spans[at + 1];
        long original = spans[at + 2] + (r - rewrittenEnd);
        long line = rewritten.getLineNr() + spans[at + 4];
        long rowStartRewritten = r - (column - 1);
        if (rowStartRewritten <= rewrittenEnd) {
            // No line break between the span and here: the column counts from the body's line start.
            column = original - spans[at + 3] + 1;
        }
        return new TokenStreamLocation(
                rewritten.contentReference(),
                rewritten.getByteOffset() >= 0 ? original : -1,
                rewritten.getCharOffset() >= 0 ? original : -1,
                (int) Math.min(line, Integer.MAX_VALUE),
                (int) Math.min(column, Integer.MAX_VALUE));
    }

    /**
     * {@code refused} with the location it names in the body as sent, as the same kind of exception with the
     * same words and path; a refusal with no location, or of another kind, as it is.
     */
    public JacksonException relocate(JacksonException refused) {
        TokenStreamLocation at = refused.getLocation();
        if (at == null) {
            return refused;
        }
        TokenStreamLocation moved = original(at);
        if (moved.equals(at)) {
            return refused;
        }
        JacksonException copy;
        if (refused.getClass() == StreamReadException.class) {
            copy = new StreamReadException(
                    ((StreamReadException) refused).processor(),
                    refused.getOriginalMessage(),
                    moved,
                    refused.getCause());
        } else if (refused instanceof UnexpectedEndOfInputException end
                && refused.getClass() == UnexpectedEndOfInputException.class) {
            // Its constructor takes the location from the parser: one that answers the body's.
            copy = new UnexpectedEndOfInputException(
                    new LocatedParser(end.processor(), moved), end.getTokenBeingDecoded(), end.getOriginalMessage());
        } else {
            return refused;
        }
        List<JacksonException.Reference> path = refused.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            copy.prependPath(path.get(i));
        }
        copy.setStackTrace(refused.getStackTrace());
        return copy;
    }

    /** The last span that starts at or before {@code r}; -1 if none does. */
    private int lastStartingAtOrBefore(long r) {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (spans[FIELDS * mid] <= r) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Once Jackson has read the values written back to their end, their span is a span like the others. */
    private void closeOpenSpan() {
        if (open != null && open.finished()) {
            ValuesText values = open;
            open = null;
            replaced(openAt, openAt + values.written(), openEnd, openLines, openRowStart);
        }
    }

    /** A parser that answers {@code location} as where it is, for an exception that asks it. */
    private static final class LocatedParser extends JsonParserDelegate {

        private final TokenStreamLocation location;

        LocatedParser(JsonParser parser, TokenStreamLocation location) {
            super(parser);
            this.location = location;
        }

        @Override
        public TokenStreamLocation currentLocation() {
            return location;
        }
    }
}
