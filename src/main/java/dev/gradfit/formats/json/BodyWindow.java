package dev.gradfit.formats.json;

import dev.gradfit.memory.MemoryAccount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * A request body as it arrives, seen through a window of a few KiB: {@link BulkArrayScanner} reads the top
 * level byte by byte through it, and what it reads is kept ({@link #keep}) as the text Jackson will read
 * later, except the number arrays, which {@link NumberArrayStream} takes straight from the stream
 * ({@link #read}) and gives back what it read past their end ({@link #unread}). Only the kept text and the
 * window are held, charged to the request's account.
 */
final class BodyWindow {

    /**
     * The longest run of whitespace kept as sent: a longer one becomes one space (its line breaks counted in
     * the {@link SourceMap}), so that no amount of whitespace is held.
     */
    static final int MAX_KEPT_WHITESPACE = 64;

    private final InputStream in;
    private final SourceMap sourceMap;
    private final MemoryAccount account;
    private final int size;
    /** The body's declared length, or -1 when it declares none. */
    private final long declared;
    /** The bytes taken from {@link #in} so far. */
    private long received;

    private byte[] buffer;
    private int pos;
    private int limit;
    /** The start of the bytes read but not yet copied into {@link #kept}. */
    private int keptFrom;

    private byte[] kept;
    private int keptLength;

    // Where the window is in the body as sent, counted as Jackson counts (LF, CRLF and a lone CR end a line).
    /** The body offset of {@code buffer[0]}. */
    private long base;

    private long lines;
    private long rowStart;
    private boolean afterCr;

    /** @param declared the body's Content-Length, or -1: no buffer is made longer than the body can fill */
    BodyWindow(InputStream in, int size, long declared, SourceMap sourceMap, MemoryAccount account) {
        this.in = in;
        this.sourceMap = sourceMap;
        this.account = account;
        this.declared = declared;
        this.size = (int) Math.max(1, declared >= 0 ? Math.min(size, declared) : size);
        account.charge(this.size + 256L);
        this.buffer = new byte[this.size];
        this.kept = new byte[256];
    }

    /**
     * The most bytes the body can still give, those in the window included; {@link Long#MAX_VALUE} when it
     * declared no length.
     */
    long remaining() {
        return declared < 0 ? Long.MAX_VALUE : Math.max(0, declared - received) + (limit - pos);
    }

    /** The next byte, not consumed; -1 at the end of the body. */
    int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos] & 0xff;
    }

    /** Consumes the byte {@link #peek} returned. */
    void skip() {
        byte c = buffer[pos++];
        if (c == '\n') {
            if (!afterCr) {
                lines++;
            }
            rowStart = base + pos;
            afterCr = false;
        } else if (c == '\r') {
            lines++;
            rowStart = base + pos;
            afterCr = true;
        } else {
            afterCr = false;
        }
    }

    /**
     * Skips JSON whitespace; returns the next byte, not consumed, or -1. A run longer than {@link
     * #MAX_KEPT_WHITESPACE} is kept as one space.
     */
    int skipWhitespace() throws IOException {
        int c = peek();
        if (!whitespace(c)) {
            return c;
        }
        keep();
        int runKept = keptLength;
        long linesBefore = lines;
        long run = 0;
        while (whitespace(c)) {
            skip();
            if (++run > MAX_KEPT_WHITESPACE) {
                // Not kept: what was kept of the run is dropped below.
                keptFrom = pos;
            }
            c = peek();
        }
        if (run > MAX_KEPT_WHITESPACE) {
            keptLength = runKept;
            keptFrom = pos;
            keep((byte) ' ');
            sourceMap.replaced(runKept, runKept + 1, offset(), lines - linesBefore, rowStart);
        }
        return c;
    }

    private static boolean whitespace(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** The offset in the body of the next byte. */
    long offset() {
        return base + pos;
    }

    /** The line breaks consumed so far. */
    long lines() {
        return lines;
    }

    /** The body offset where the line of the next byte starts. */
    long rowStart() {
        return rowStart;
    }

    /** The length of the kept text: the offset, in the text Jackson reads, of what is kept next. */
    long keptLength() {
        return keptLength;
    }

    /**
     * Counts the line breaks in bytes {@link #read} took (the last of them not a CR before a LF): {@code
     * breaks} of them, the last line starting at body offset {@code lastRowStart}.
     */
    void passed(long breaks, long lastRowStart) {
        if (breaks > 0) {
            lines += breaks;
            rowStart = lastRowStart;
        }
        afterCr = false;
    }

    /** Copies what was read since the last call into the kept text. */
    void keep() {
        append(buffer, keptFrom, pos - keptFrom);
        keptFrom = pos;
    }

    /** Adds {@code c} to the kept text (the placeholder of an array taken out). */
    void keep(byte c) {
        append(new byte[] {c}, 0, 1);
    }

    /**
     * Reads the body's next bytes: the window's first, then the stream's. They are not kept, and neither are
     * the bytes consumed since the last {@link #keep}.
     */
    int read(byte[] into, int offset, int length) throws IOException {
        keptFrom = pos;
        if (pos < limit) {
            int n = Math.min(length, limit - pos);
            System.arraycopy(buffer, pos, into, offset, n);
            pos += n;
            keptFrom = pos;
            return n;
        }
        int n = in.read(into, offset, length);
        if (n > 0) {
            received += n;
            base += n;
        }
        return n;
    }

    /** Puts back bytes {@link #read} returned that follow what the reader wanted; they are read next. */
    void unread(byte[] bytes, int offset, int length) {
        int left = limit - pos;
        int joinedLength = Math.max(size, length + left);
        account.charge(joinedLength);
        byte[] joined = new byte[joinedLength];
        System.arraycopy(bytes, offset, joined, 0, length);
        System.arraycopy(buffer, pos, joined, length, left);
        account.release(buffer.length);
        base += pos - length;
        buffer = joined;
        pos = 0;
        keptFrom = 0;
        limit = length + left;
    }

    /** The kept text so far. */
    InputStream kept() {
        return new ByteArrayInputStream(kept, 0, keptLength);
    }

    /** What is left of the body: the bytes read but not kept, then the rest of the stream. */
    InputStream remainder() {
        return new SequenceInputStream(new ByteArrayInputStream(buffer, keptFrom, limit - keptFrom), in);
    }

    private boolean fill() throws IOException {
        keep();
        base += limit;
        pos = 0;
        limit = 0;
        keptFrom = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        received += n;
        limit = n;
        return true;
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        if (keptLength + length > kept.length) {
            int longer = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(2L * kept.length, keptLength + length));
            account.charge(longer);
            int old = kept.length;
            kept = java.util.Arrays.copyOf(kept, longer);
            account.release(old);
        }
        System.arraycopy(bytes, offset, kept, keptLength, length);
        keptLength += length;
    }
}
