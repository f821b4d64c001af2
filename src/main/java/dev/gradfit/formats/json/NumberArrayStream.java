package dev.gradfit.formats.json;

import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads one JSON array of numbers or of rows of numbers while it arrives, with {@link NumberArrayParser}'s
 * number reader (bit for bit {@code Double.parseDouble}). The stream is cut into pieces of about
 * {@code chunkBytes}, each ending just after a separator (a comma between numbers, or before the {@code [} of
 * a row), so no piece splits an element; each piece is parsed on a core of the {@link NumberParsingPool}
 * while the next one arrives. At most a few pieces are held at once, and the values of each go into an
 * array of exactly their count (one more than the piece's commas bounds it), so nothing grows by copying;
 * the pieces' arrays are joined in order at the end. Every buffer and array is charged to the account
 * before it is allocated and released when dropped.
 *
 * <p>When the array is not one it reads exactly (an element that is not a finite number of at most
 * {@code maxNumberLength - 2} characters, ragged or empty rows, objects, a body that ends early), it
 * gives the text that Jackson must read in the array's place: the values of the pieces read so far written
 * back as JSON ({@link Double#toString} reads back to the same bits, and keeps every index and row), then
 * the pieces' own bytes from the first one it could not read.
 */
final class NumberArrayStream {

    /** The most bytes one element (a number, or a row) may take: past it the array goes to Jackson. */
    static final int MAX_ELEMENT_BYTES = 1 << 20;

    /**
     * The first buffer of an array's first piece: it doubles as bytes arrive, up to a piece, so that a body
     * which declares a length and then stalls holds a few KiB, not a piece.
     */
    static final int FIRST_PIECE_BYTES = 4096;

    /**
     * What reading an array gave: its values, or why not and the text to read in its place. {@code span} is
     * what of the body after the {@code [} the values stand for: the whole array with its {@code ]}, or the
     * pieces written back as {@code values} at the start of the replay (none: {@code values} is null).
     */
    record Outcome(NumberArrayParser.Parsed parsed, String failure, InputStream replay, Span span, ValuesText values) {}

    /**
     * Bytes of the body from just after an array's {@code [}: how many, the line breaks among them, and the body
     * offset where the last line they break starts (-1 when they break none).
     */
    record Span(long bytes, long lineBreaks, long lastRowStart) {}

    private final NumberArrayParser numbers;
    private final NumberParsingPool pool;
    private final int pieceBytes;
    private final int inFlight;

    NumberArrayStream(NumberArrayParser numbers) {
        this.numbers = numbers;
        this.pool = numbers.pool();
        this.pieceBytes = Math.max(1, numbers.chunkBytes());
        this.inFlight = Math.min(pool.helpers(), 6) + 1;
    }

    /**
     * Reads the array whose {@code [} {@code window} has just consumed.
     *
     * @param rowsAllowed whether an array of rows is read, or left to Jackson (which names the element)
     * @throws ServerBusyException if the budget cannot cover the arrays
     */
    Outcome read(BodyWindow window, boolean rowsAllowed, MemoryAccount account) throws IOException {
        Reading reading = new Reading(window, account);
        try {
            return reading.run(rowsAllowed);
        } finally {
            reading.finish();
        }
    }

    /** A piece of the array's text and, once parsed, its values ({@code null} if it is not read exactly). */
    private static final class Piece {
        final byte[] bytes;
        final int length;
        final boolean last;
        FutureTask<NumberArrayParser.Chunk> task;
        NumberArrayParser.Chunk chunk;
        // Counted with the commas, on the thread that parses the piece.
        int commas;
        int lineBreaks;
        /** Where, in the piece, the line its last break starts begins; -1 when it breaks none. */
        int lastRowStart = -1;

        Piece(byte[] bytes, int length, boolean last) {
            this.bytes = bytes;
            this.length = length;
            this.last = last;
        }
    }

    private final class Reading {
        private final BodyWindow window;
        private final MemoryAccount account;
        private final ArrayDeque<Piece> pending = new ArrayDeque<>();
        private final List<NumberArrayParser.Chunk> done = new ArrayList<>();
        private boolean doneEndsArray;
        private boolean matrix;
        private long bufferBytes;
        /** The body offset just after the array's {@code [}. */
        private final long start;

        private long doneBytes;
        private long doneLineBreaks;
        private long doneRowStart = -1;

        Reading(BodyWindow window, MemoryAccount account) {
            this.window = window;
            this.account = account;
            this.start = window.offset();
        }

        Outcome run(boolean rowsAllowed) throws IOException {
            int carryLength = 0;
            boolean first = true;
            byte[] buffer = buffer(capacity(0, FIRST_PIECE_BYTES));
            while (true) {
                int length = carryLength;
                int scanned = 0;
                int depth = 1;
                int firstRow = -1;
                int cut = -1;
                int end = -1;
                boolean eof = false;
                while (end < 0) {
                    if (length == buffer.length) {
                        if (cut > 0 && length >= pieceBytes) {
                            break;
                        }
                        if (length >= pieceBytes + MAX_ELEMENT_BYTES) {
                            return failure(BulkArrayScanner.MALFORMED, raw(buffer, length));
                        }
                        buffer = longer(buffer, length);
                    }
                    int n = window.read(buffer, length, buffer.length - length);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    length += n;
                    for (int i = scanned; i < length; i++) {
                        byte c = buffer[i];
                        if (first) {
                            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                                continue;
                            }
                            first = false;
                            if (c == ']' || c == '{' || (c == '[' && !rowsAllowed)) {
                                return failure(BulkArrayScanner.SHAPE, raw(buffer, length));
                            }
                            matrix = c == '[';
                        }
                        if (matrix) {
                            if (c == '[') {
                                if (++depth == 2) {
                                    if (firstRow < 0) {
                                        firstRow = i;
                                    } else {
                                        cut = i;
                                    }
                                }
                            } else if (c == ']' && --depth == 0) {
                                end = i;
                                break;
                            }
                        } else if (c == ',') {
                            cut = i + 1;
                        } else if (c == ']') {
                            end = i;
                            break;
                        }
                    }
                    scanned = length;
                    if (end < 0 && cut > 0 && length >= pieceBytes) {
                        break;
                    }
                }
                if (end >= 0) {
                    window.unread(buffer, end + 1, length - end - 1);
                    try {
                        submit(new Piece(buffer, end + 1, true));
                    } catch (PieceFailed failed) {
                        return failure(BulkArrayScanner.MALFORMED, null);
                    }
                    return finishArray();
                }
                if (eof || cut <= 0) {
                    return failure(BulkArrayScanner.MALFORMED, raw(buffer, length));
                }
                // The bytes after the cut start the next piece, whose buffer starts as long as this one grew.
                carryLength = length - cut;
                byte[] next = buffer(capacity(carryLength, buffer.length));
                System.arraycopy(buffer, cut, next, 0, carryLength);
                try {
                    submit(new Piece(buffer, cut, false));
                } catch (PieceFailed failed) {
                    return failure(BulkArrayScanner.MALFORMED, raw(next, carryLength));
                }
                buffer = next;
            }
        }

        /**
         * The length of a piece's first buffer: {@code wanted} up to a piece, never more than the body can
         * still fill after the {@code carried} bytes, and always room for one byte more.
         */
        private int capacity(int carried, int wanted) {
            long fill = carried + Math.min(window.remaining(), Integer.MAX_VALUE);
            return (int) Math.max(carried + 1L, Math.min(Math.min(wanted, pieceBytes), fill + 1));
        }

        private byte[] buffer(int length) {
            account.charge(length);
            bufferBytes += length;
            return new byte[length];
        }

        /**
         * A buffer full of bytes that arrived: twice as long (up to a piece while it holds less than one), never
         * longer than the rest of the body can fill. It grows only as bytes arrive, so a body that stalls holds
         * about what it sent.
         */
        private byte[] longer(byte[] buffer, int length) {
            long doubled = Math.max(2L * buffer.length, 64);
            if (length < pieceBytes) {
                doubled = Math.min(doubled, pieceBytes);
            }
            long fill = length + Math.min(window.remaining(), Integer.MAX_VALUE) + 1;
            byte[] longer =
                    buffer((int) Math.max(length + 1L, Math.min(Math.min(doubled, fill), Integer.MAX_VALUE - 8)));
            System.arraycopy(buffer, 0, longer, 0, length);
            release(buffer);
            return longer;
        }

        private void release(byte[] buffer) {
            account.release(buffer.length);
            bufferBytes -= buffer.length;
        }

        private void submit(Piece piece) throws IOException {
            boolean isMatrix = matrix;
            piece.task = new FutureTask<>(() -> {
                count(piece);
                return parse(piece, isMatrix);
            });
            pending.add(piece);
            if (pool.helpers() > 0) {
                pool.execute(piece.task);
            }
            while (pending.size() > inFlight) {
                collect();
            }
        }

        /** Waits for the oldest piece (parsing it here if no helper has started it) and moves it to done. */
        private void collect() {
            Piece piece = pending.peekFirst();
            complete(piece);
            if (piece.chunk != null) {
                pending.removeFirst();
                done(piece);
                release(piece.bytes);
            } else {
                // Keep it (and every later piece) as text for Jackson; stop collecting.
                throw new PieceFailed();
            }
        }

        private void complete(Piece piece) {
            piece.task.run();
            try {
                piece.chunk = piece.task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parsing numbers", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ServerBusyException busy) {
                    throw busy;
                }
                piece.chunk = null;
            }
        }

        private Outcome finishArray() {
            try {
                while (!pending.isEmpty()) {
                    collect();
                }
            } catch (PieceFailed failed) {
                return failure(BulkArrayScanner.MALFORMED, null);
            }
            Span span = span();
            NumberArrayParser.Parsed joined = join();
            return joined != null
                    ? new Outcome(joined, null, null, span, null)
                    : failure(BulkArrayScanner.MALFORMED, null);
        }

        /** The pieces' values in order as one array; {@code null} if their rows differ in length. */
        private NumberArrayParser.Parsed join() {
            long total = 0;
            int columns = -1;
            for (NumberArrayParser.Chunk chunk : done) {
                if (matrix && columns >= 0 && chunk.columns != columns) {
                    return null;
                }
                columns = matrix ? chunk.columns : 1;
                total += chunk.count;
            }
            if (total > Integer.MAX_VALUE - 8) {
                return null;
            }
            double[] values;
            if (done.size() == 1 && done.get(0).values.length == total) {
                values = done.get(0).values;
            } else {
                account.charge(8L * total);
                values = new double[(int) total];
                int at = 0;
                for (NumberArrayParser.Chunk chunk : done) {
                    System.arraycopy(chunk.values, 0, values, at, chunk.count);
                    at += chunk.count;
                    account.release(8L * chunk.values.length);
                }
            }
            done.clear();
            return new NumberArrayParser.Parsed(values, (int) (total / columns), columns, matrix, -1);
        }

        /**
         * Gives up on reading the array: waits for the pieces still being parsed, and returns the text Jackson
         * must read in its place, {@code tail} (bytes read but in no piece) last.
         */
        private Outcome failure(String reason, InputStream tail) {
            List<InputStream> parts = new ArrayList<>();
            parts.add(new ByteArrayInputStream(new byte[] {'['}));
            // Pieces parsed in order before the first that was not are written back as numbers.
            while (!pending.isEmpty()) {
                Piece piece = pending.peekFirst();
                complete(piece);
                if (piece.chunk == null) {
                    break;
                }
                pending.removeFirst();
                done(piece);
            }
            ValuesText values = null;
            if (!done.isEmpty()) {
                values = new ValuesText(new ArrayList<>(done), matrix, doneEndsArray);
                parts.add(values);
            }
            for (Piece piece : pending) {
                complete(piece);
                if (piece.chunk != null) {
                    account.release(8L * piece.chunk.values.length);
                }
                parts.add(new ByteArrayInputStream(piece.bytes, 0, piece.length));
            }
            if (tail != null) {
                parts.add(tail);
            }
            return new Outcome(null, reason, new SequenceInputStream(Collections.enumeration(parts)), span(), values);
        }

        private InputStream raw(byte[] buffer, int length) {
            return new ByteArrayInputStream(buffer, 0, length);
        }

        /** Makes sure no piece is still being parsed when the read ends, however it ends. */
        void finish() {
            for (Piece piece : pending) {
                try {
                    complete(piece);
                } catch (RuntimeException ignored) {
                    // The read already ends with its own outcome or exception.
                }
            }
        }

        /** Moves a parsed piece's values to the array's, and counts the body it stood for. */
        private void done(Piece piece) {
            done.add(piece.chunk);
            doneEndsArray = piece.last;
            if (piece.lastRowStart >= 0) {
                doneRowStart = start + doneBytes + piece.lastRowStart;
            }
            doneBytes += piece.length;
            doneLineBreaks += piece.lineBreaks;
        }

        private Span span() {
            return new Span(doneBytes, doneLineBreaks, doneRowStart);
        }

        private NumberArrayParser.Chunk parse(Piece piece, boolean isMatrix) {
            return isMatrix ? rows(piece) : flat(piece);
        }

        /** The numbers of a piece that ends just after a comma, or at the array's {@code ]}. */
        private NumberArrayParser.Chunk flat(Piece piece) {
            byte[] b = piece.bytes;
            int end = piece.length;
            NumberArrayParser.Chunk chunk = new NumberArrayParser.Chunk(piece.commas + 1, account);
            int p = 0;
            while (true) {
                p = NumberArrayParser.skipWhitespace(b, p, end);
                p = numbers.number(b, p, end, chunk);
                if (p < 0) {
                    return failed(chunk);
                }
                p = NumberArrayParser.skipWhitespace(b, p, end);
                if (p >= end) {
                    return failed(chunk);
                }
                byte c = b[p++];
                if (c == ',') {
                    if (p == end && !piece.last) {
                        return chunk;
                    }
                } else if (c == ']' && p == end && piece.last) {
                    return chunk;
                } else {
                    return failed(chunk);
                }
            }
        }

        /** The rows of a piece that ends just before the {@code [} of a row, or at the array's {@code ]}. */
        private NumberArrayParser.Chunk rows(Piece piece) {
            byte[] b = piece.bytes;
            int end = piece.length;
            NumberArrayParser.Chunk chunk = new NumberArrayParser.Chunk(piece.commas + 1, account);
            int p = 0;
            while (true) {
                p = NumberArrayParser.skipWhitespace(b, p, end);
                if (p >= end || b[p] != '[') {
                    return failed(chunk);
                }
                int before = chunk.count;
                p++;
                while (true) {
                    p = NumberArrayParser.skipWhitespace(b, p, end);
                    p = numbers.number(b, p, end, chunk);
                    if (p < 0) {
                        return failed(chunk);
                    }
                    p = NumberArrayParser.skipWhitespace(b, p, end);
                    if (p >= end) {
                        return failed(chunk);
                    }
                    byte c = b[p++];
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        return failed(chunk);
                    }
                }
                int width = chunk.count - before;
                if (chunk.columns < 0) {
                    chunk.columns = width;
                } else if (width != chunk.columns) {
                    return failed(chunk);
                }
                p = NumberArrayParser.skipWhitespace(b, p, end);
                if (p >= end) {
                    return failed(chunk);
                }
                byte c = b[p++];
                if (c == ',') {
                    if (NumberArrayParser.skipWhitespace(b, p, end) == end && !piece.last) {
                        return chunk;
                    }
                } else if (c == ']' && p == end && piece.last) {
                    return chunk;
                } else {
                    return failed(chunk);
                }
            }
        }

        private NumberArrayParser.Chunk failed(NumberArrayParser.Chunk chunk) {
            account.release(8L * chunk.values.length);
            return null;
        }
    }

    /**
     * Counts a piece's commas (one more bounds its values) and line breaks as Jackson counts them: a CR before
     * a LF is not one. No piece ends between the two: one ends after a comma, before a row's {@code [}, or at
     * the array's {@code ]}.
     */
    private static void count(Piece piece) {
        byte[] bytes = piece.bytes;
        int commas = 0;
        int breaks = 0;
        int rowStart = -1;
        for (int i = 0; i < piece.length; i++) {
            byte c = bytes[i];
            if (c == ',') {
                commas++;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' || i == 0 || bytes[i - 1] != '\r') {
                    breaks++;
                }
                rowStart = i + 1;
            }
        }
        piece.commas = commas;
        piece.lineBreaks = breaks;
        piece.lastRowStart = rowStart;
    }

    /** A piece that could not be read: the read stops, and Jackson reads the text from that piece on. */
    private static final class PieceFailed extends RuntimeException {
        PieceFailed() {
            super(null, null, false, false);
        }
    }
}
