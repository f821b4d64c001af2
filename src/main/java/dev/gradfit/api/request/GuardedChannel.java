package dev.gradfit.api.request;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.ipc.ReadChannel;

/**
 * Arrow's read channel with two guards a stream from a client needs. A message's metadata length is a
 * 4-byte prefix that Arrow allocates a heap buffer for before reading it: one over {@link #MAX_METADATA} (or
 * negative) is refused here, so that four bytes of garbage cannot ask for 2 GB. And a record batch body cut
 * short is released here: Arrow throws without releasing it. Every body buffer is remembered, so that
 * {@link #releaseLeftovers()} can free any that a failure in Arrow left behind.
 */
final class GuardedChannel extends ReadChannel {

    /** Largest message metadata read: far more than the schema of the most columns gradfit takes. */
    static final int MAX_METADATA = 16 << 20;

    private final List<ArrowBuf> bodies = new ArrayList<>();
    private boolean afterContinuation;

    GuardedChannel(InputStream in) {
        super(new StreamChannel(in));
    }

    @Override
    public int readFully(ByteBuffer buffer) throws IOException {
        int n = super.readFully(buffer);
        if (buffer.capacity() != 4) {
            return n;
        }
        // A length prefix, or the continuation marker -1 before it. Arrow takes a prefix cut short for the
        // end of the stream; only a stream that stops between two messages has ended.
        if (n < 4 && (n > 0 || afterContinuation)) {
            throw new EOFException("the stream ends inside a message's length prefix");
        }
        int length = n == 4 ? buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0) : 0;
        if (length != -1 && (length < 0 || length > MAX_METADATA)) {
            throw new IOException("a message declares " + Integer.toUnsignedString(length)
                    + " bytes of metadata, more than " + MAX_METADATA);
        }
        afterContinuation = length == -1;
        return n;
    }

    @Override
    public long readFully(ArrowBuf buffer, long length) throws IOException {
        bodies.add(buffer);
        long n = super.readFully(buffer, length);
        if (n != length) {
            throw new EOFException("the stream ends inside a record batch");
        }
        return n;
    }

    /**
     * An input stream as a channel, read in chunks of 64 KB ({@link java.nio.channels.Channels#newChannel}
     * reads 8 KB at a time); closing it leaves the stream open.
     */
    private static final class StreamChannel implements ReadableByteChannel {

        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private boolean open = true;

        StreamChannel(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            int n = in.read(chunk, 0, Math.min(target.remaining(), chunk.length));
            if (n > 0) {
                target.put(chunk, 0, n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** Releases what is left of every body buffer read; nothing may use them any more. */
    void releaseLeftovers() {
        for (ArrowBuf body : bodies) {
            int count = body.refCnt();
            if (count > 0) {
                body.getReferenceManager().release(count);
            }
        }
        bodies.clear();
    }
}
