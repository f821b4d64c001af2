package dev.gradfit.api.problem;

import dev.gradfit.service.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.util.Locale;

/**
 * What went wrong with a body Tomcat could not read to its end, as the error on the field {@code body}: it ended
 * early (the connection closed before all of it came), or its chunked transfer coding was broken.
 */
final class BodyFraming {

    private BodyFraming() {}

    /** @param failure the read's failure: an end of stream, or Tomcat refusing what it read */
    static FieldError error(HttpServletRequest request, Throwable failure) {
        String coding = request.getHeader("Transfer-Encoding");
        boolean chunked = coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
        if (chunked && !endedEarly(failure)) {
            return new FieldError(
                    "body",
                    "is sent with Transfer-Encoding: chunked, but its chunked framing is broken: a chunk's size is"
                            + " not a hexadecimal number, or a chunk does not end with a line break where its size"
                            + " says");
        }
        return new FieldError(
                "body",
                "ended before it was complete: the connection closed, or its length or chunks were broken, before"
                        + " the whole body arrived");
    }

    private static boolean endedEarly(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
