package dev.gradfit.web;

import dev.gradfit.http.BodyIncompleteException;
import dev.gradfit.http.BodyReadTimeoutException;
import dev.gradfit.memory.BodyTooLargeException;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Guards the reading of request bodies: their size, the heap they make live, and the time they take.
 *
 * <ul>
 *   <li><b>Size.</b> Tomcat caps form posts but not JSON, and a chunked body declares no length, so the
 *       bytes are counted as they are read: the read past {@code maxBytes} throws
 *       {@link BodyTooLargeException} (413). A declared {@code Content-Length} over it is refused unread.
 *   <li><b>Memory.</b> Before a byte is read, the request reserves {@code Content-Length ×
 *       heapPerBodyByte} from the {@link InFlightMemory} budget; a chunked body reserves as it is read,
 *       and readers charge the arrays they allocate to the request's {@link MemoryAccount}, kept as the
 *       request attribute {@link MemoryAccount#ATTRIBUTE}. A request the budget cannot
 *       take now is refused with {@link ServerBusyException} (503 and {@code Retry-After}) before its body
 *       is read. Everything is given back when the request ends.
 *   <li><b>Time.</b> A body still arriving {@code readTimeout} after the request started is cut off with
 *       {@link BodyReadTimeoutException} (408): a client that trickles its body cannot hold a thread and
 *       its memory for long. A client that stops sending, or sends nothing at all, is cut off by Tomcat's
 *       {@code connection-timeout}, the longest a read waits; Tomcat answers that 408 itself, through the
 *       error page, with the same problem type.
 *   <li><b>End.</b> A body that stops before its end (the client closed the connection, or broke its
 *       chunks) throws {@link BodyIncompleteException} (400): the client's doing, not a server failure.
 * </ul>
 *
 * <p>A request answered before the end of its body (refused for lack of memory, or invalid JSON) has its
 * answer written at once; the body the client is still sending is then read and thrown away (none of
 * it kept, at most {@code maxBytes}, within {@code readTimeout}), so that the client reads its answer on a
 * connection that closes cleanly instead of being reset. A client that sent {@code Expect: 100-continue}
 * is not asked for its body at all.
 */
public final class RequestBodyFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final InFlightMemory memory;
    private final double heapPerBodyByte;
    private final Duration readTimeout;
    private final HandlerExceptionResolver problems;

    public RequestBodyFilter(
            long maxBytes,
            InFlightMemory memory,
            double heapPerBodyByte,
            Duration readTimeout,
            HandlerExceptionResolver problems) {
        this.maxBytes = maxBytes;
        this.memory = memory;
        this.heapPerBodyByte = heapPerBodyByte;
        this.readTimeout = readTimeout;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            // Tomcat closes the connection rather than read a long unread body.
            problems.resolveException(request, response, null, new BodyTooLargeException(maxBytes));
            return;
        }
        InFlightMemory.Reservation reservation;
        try {
            reservation = memory.reserve(declared > 0 ? (long) Math.ceil(declared * heapPerBodyByte) : 0);
        } catch (ServerBusyException busy) {
            refuse(request, response, busy, started);
            return;
        }
        try (MemoryAccount account = MemoryAccount.open(reservation, heapPerBodyByte)) {
            request.setAttribute(MemoryAccount.ATTRIBUTE, account);
            GuardedRequest guarded = new GuardedRequest(request, account, started);
            chain.doFilter(guarded, response);
            if (guarded.stream != null && !guarded.stream.cutOff && !guarded.stream.readToEnd(declared)) {
                // Answered before the end of the body (refused while reading, or invalid JSON): the rest
                // still arrives. Nothing is left to read after a body read to its end.
                drain(request, request.getInputStream(), started);
            }
        }
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, ServerBusyException busy, long started)
            throws IOException {
        problems.resolveException(request, response, null, busy);
        response.flushBuffer();
        drain(request, request.getInputStream(), started);
    }

    /** Reads what is left of the body and keeps none of it, within the size limit and the deadline. */
    private void drain(HttpServletRequest request, InputStream body, long started) {
        if (request.getHeader("Expect") != null) {
            return;
        }
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            int n;
            while (total <= maxBytes && !late(started) && (n = body.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException | RuntimeException gone) {
            // The client went away, or its body ended here: either way there is nothing left to read.
        }
    }

    private boolean late(long started) {
        return System.nanoTime() - started > readTimeout.toNanos();
    }

    private final class GuardedRequest extends HttpServletRequestWrapper {

        private final MemoryAccount account;
        private final long started;
        private GuardedStream stream;
        private BufferedReader reader;

        GuardedRequest(HttpServletRequest request, MemoryAccount account, long started) {
            super(request);
            this.account = account;
            this.started = started;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new GuardedStream(super.getInputStream(), account, started);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private final class GuardedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final MemoryAccount account;
        private final long started;
        private long count;
        /** Whether reading stopped for a limit of size or time: then the rest of the body is not waited for. */
        private boolean cutOff;
        /** Whether a read found the end of the body. */
        private boolean ended;
        /** Whether a read waited longer than Tomcat's read timeout for the body. */
        private boolean stalled;

        GuardedStream(ServletInputStream delegate, MemoryAccount account, long started) {
            this.delegate = delegate;
            this.account = account;
            this.started = started;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (late(started) || stalled) {
                cutOff = true;
                throw new BodyReadTimeoutException(readTimeout);
            }
            int n;
            try {
                n = delegate.read(buffer, offset, length);
            } catch (IOException e) {
                cutOff = true;
                if (timedOut(e)) {
                    // Tomcat's read timeout: it has already marked the response as a 408, which the error
                    // page answers. Another read would only wait as long again.
                    stalled = true;
                    throw new BodyReadTimeoutException(readTimeout);
                }
                // Tomcat reports a client that went away mid-body (or broke its chunks) as an IOException;
                // said in gradfit's words, it is answered as the client's fault, not logged as the server's.
                throw new BodyIncompleteException(e);
            }
            if (n < 0) {
                ended = true;
            } else if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    cutOff = true;
                    throw new BodyTooLargeException(maxBytes);
                }
                account.bodyRead(n);
            }
            return n;
        }

        /** Whether the whole body was read: its end was seen, or as many bytes as it declared. */
        boolean readToEnd(long declared) {
            return ended || (declared >= 0 && count >= declared);
        }

        private static boolean timedOut(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
