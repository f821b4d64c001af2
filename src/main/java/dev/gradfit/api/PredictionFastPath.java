package dev.gradfit.api;

import dev.gradfit.api.request.BulkArrayJsonConfig;
import dev.gradfit.api.request.MemoryAccounts;
import dev.gradfit.api.request.PlainPredictionReader;
import dev.gradfit.api.request.PredictionRequest;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.formats.json.NumberArrayWriter;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.model.ModelIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.UUID;
import org.springframework.util.StreamUtils;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the plain case of {@code POST /api/v1/models/{id}/predictions} without the DispatcherServlet: a
 * small JSON body, a JSON answer, a model that takes the points. A prediction is a few microseconds of
 * arithmetic, and finding the handler, negotiating the media types and resolving the arguments and the return
 * value cost several times that. It runs after the request filters (request id, body guard, Content-Type, API
 * key), reads the body with the same {@link JsonMapper} as Spring MVC and answers through
 * the {@link PredictionFacade} the controller answers through, so the limits and the numbers are the same. It times every POST to the
 * path, answered here or not, into {@code http.server.requests} ({@link PredictionTimer}).
 *
 * <p>A request it does not take, or whose body does not bind, goes on to the DispatcherServlet as if the
 * fast path had not been there, with the body bytes it read (and the failure that stopped the read, if one
 * did): another media type, a chunked or large body (the bulk reader's), a body that does not parse. A
 * prediction the controller refuses (a point that does not fit, an unknown model, a store that does not
 * answer) is answered by the application's exception handlers, as the controller's own refusal is. The
 * problems are therefore Spring MVC's own. With CORS origins
 * configured it stays out of the way, so that the CORS headers are Spring's too.
 */
final class PredictionFastPath extends HttpFilter {

    static final String PATH_PATTERN = "/api/v1/models/{id}/predictions";

    private static final String PREFIX = "/api/v1/models/";
    private static final String SUFFIX = "/predictions";

    private final PredictionFacade predictions;
    private final HandlerExceptionResolver problems;
    private final PredictionTimer timer;
    private final JsonMapper json;
    private final boolean fastDoubles;
    private final PlainPredictionReader requests;

    PredictionFastPath(
            PredictionFacade predictions,
            JsonMapper json,
            HandlerExceptionResolver problems,
            PredictionTimer timer,
            NumberParsingPool pool) {
        this.predictions = predictions;
        this.problems = problems;
        this.timer = timer;
        this.json = json;
        this.fastDoubles = json.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
        this.requests = new PlainPredictionReader(json, pool);
    }

    /** Whether a request is this path's to time: a POST to a prediction path, answered here or not. */
    static boolean takes(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && modelId(request) != null;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        UUID id = "POST".equals(request.getMethod()) ? modelId(request) : null;
        if (id == null) {
            chain.doFilter(request, response);
            return;
        }
        long started = System.nanoTime();
        Throwable error = null;
        try {
            predict(id, request, response, chain);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            error = e instanceof ServletException servlet && servlet.getRootCause() != null
                    ? servlet.getRootCause()
                    : e;
            throw e;
        } finally {
            timer.record(request, response, error, System.nanoTime() - started);
        }
    }

    private void predict(UUID id, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long length = request.getContentLengthLong();
        if (length <= 0
                || length >= BulkArrayJsonConfig.MIN_BYTES
                || !json(request.getContentType())
                || !acceptsJson(request.getHeaders("Accept"))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = new byte[(int) length];
        int read = 0;
        InputStream in = request.getInputStream();
        try {
            int n;
            while (read < body.length && (n = in.read(body, read, body.length - read)) > 0) {
                read += n;
            }
        } catch (IOException | RuntimeException failure) {
            chain.doFilter(new ReadBody(request, body, read, failure), response);
            return;
        }
        PredictionRequest prediction;
        try {
            prediction = requests.read(body, read, MemoryAccounts.of(request));
        } catch (RuntimeException unreadable) {
            prediction = null;
        }
        if (prediction == null) {
            // Spring MVC words every way a body fails to bind (a JSON null body is "missing") as it does.
            chain.doFilter(new ReadBody(request, body, read, null), response);
            return;
        }
        PredictionResponse answer;
        try {
            answer = predictions.predict(id, prediction, MemoryAccounts.of(request));
        } catch (RuntimeException refused) {
            // A point that does not fit, an unknown model, a store that does not answer: the same handlers
            // as the controller's answer it, once (a second try would wait for the store again).
            if (problems.resolveException(request, response, null, refused) == null) {
                throw refused;
            }
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        if (answer.points() >= NumberArrayWriter.MIN_VALUES) {
            // Written as Spring MVC writes it, its long arrays in chunks, rather than held whole first.
            json.writeValue(StreamUtils.nonClosing(response.getOutputStream()), answer);
            return;
        }
        byte[] bytes = answer.json(fastDoubles);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The id of {@code /api/v1/models/{id}/predictions} by {@link ModelIds}'s rule, else null. */
    private static UUID modelId(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int start = request.getContextPath().length() + PREFIX.length();
        if (uri.length() != start + ModelIds.LENGTH + SUFFIX.length()
                || !uri.startsWith(PREFIX, start - PREFIX.length())
                || !uri.startsWith(SUFFIX, start + ModelIds.LENGTH)) {
            return null;
        }
        return ModelIds.parse(uri, start);
    }

    private static boolean json(String contentType) {
        return contentType != null
                && (contentType.equalsIgnoreCase("application/json")
                        || contentType.equalsIgnoreCase("application/json;charset=UTF-8")
                        || contentType.equalsIgnoreCase("application/json; charset=UTF-8"));
    }

    /** No Accept header, or one that is exactly a media range JSON falls in. */
    private static boolean acceptsJson(Enumeration<String> accept) {
        if (!accept.hasMoreElements()) {
            return true;
        }
        String only = accept.nextElement().strip();
        return !accept.hasMoreElements()
                && (only.equals("*/*") || only.equals("application/json") || only.equals("application/*"));
    }

    /** The request as the fast path left it: the body bytes it read, then the failure that stopped it, if any. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final ReplayStream stream;

        ReadBody(HttpServletRequest request, byte[] body, int length, Exception failure) {
            super(request);
            this.stream = new ReplayStream(body, length, failure);
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }
    }

    private static final class ReplayStream extends ServletInputStream {

        private final byte[] body;
        private final int length;
        private final Exception failure;
        private int position;

        ReplayStream(byte[] body, int length, Exception failure) {
            this.body = body;
            this.length = length;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (position == length) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                return -1;
            }
            int n = Math.min(count, length - position);
            System.arraycopy(body, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return position == length && failure == null;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body was read already");
        }
    }
}
