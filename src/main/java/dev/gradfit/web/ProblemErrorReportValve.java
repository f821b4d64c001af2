package dev.gradfit.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Answers the errors that Tomcat raises before the application sees a request (a request line or header
 * it cannot parse, an encoded slash in the path) with a problem document like every other error, instead
 * of Tomcat's HTML page; on the Open Inference Protocol's {@code /v2} with its error body,
 * {@code {"error": "..."}}, as every other error there. Says nothing about the server and quotes nothing
 * from the request.
 *
 * <p>Whether a request is the protocol's is decided by its path as Tomcat parsed it or, when Tomcat refused
 * the request line before it got that far (a line longer than the header buffer, a byte that may not stand
 * in a path, a method that is not a token), by the target in the raw bytes of that line. Only when even
 * those hold no target (the connection sent no request line at all, or not over HTTP/1.1) is the path
 * unknown, and the answer is a problem document.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private static final StringManager REASONS = StringManager.getManager(ErrorReportValve.class);

    /** The protocol's path prefix, as {@code dev.gradfit.api.oip} serves it. */
    static final String PROTOCOL_PREFIX = "/v2";

    private static final String DETAIL = "The server could not accept this request as HTTP it understands.";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean protocol = onProtocolPath(request);
        String body;
        if (protocol) {
            body = "{\"error\":\"" + DETAIL + "\"}";
        } else {
            String title = REASONS.getString("http." + status + ".reason");
            String type = status == 400 ? "malformed-http" : "http-" + status;
            body = "{\"type\":\"https://gradfit.dev/problems/" + type + "\",\"title\":\"" + plain(title)
                    + "\",\"status\":" + status + ",\"detail\":\"" + DETAIL + "\"}";
        }
        try {
            response.setContentType(protocol ? "application/json" : "application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone or the response was committed meanwhile: nothing left to tell it.
        }
    }

    /** Whether the request's path, as far as Tomcat read it, or else as the client sent it, is the protocol's. */
    private static boolean onProtocolPath(Request request) {
        String path;
        try {
            path = request.getRequestURI();
        } catch (RuntimeException unread) {
            path = null;
        }
        if (path == null || path.isEmpty()) {
            path = RawRequestLine.target(request.getCoyoteRequest());
        }
        return path != null && (path.equals(PROTOCOL_PREFIX) || path.startsWith(PROTOCOL_PREFIX + "/"));
    }

    /** Tomcat's reason phrases are plain words; anything else is dropped rather than escaped. */
    private static String plain(String title) {
        return title == null ? "Error" : title.replaceAll("[^A-Za-z0-9 '-]", "");
    }
}
