package dev.gradfit.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11InputBuffer;

/**
 * The target of an HTTP/1.1 request line read from the bytes Tomcat received, for requests it refused before
 * parsing the target itself: those bytes are still in the connection's header buffer when the error is reported.
 */
final class RawRequestLine {

    private RawRequestLine() {}

    /**
     * The path of the request line's target (without its query, in origin form), or null when there is no
     * HTTP/1.1 header buffer or it holds no target.
     */
    static String target(Request request) {
        if (request == null || !(request.getInputBuffer() instanceof Http11InputBuffer input)) {
            return null;
        }
        ByteBuffer buffer = input.getByteBuffer();
        if (buffer == null || !buffer.hasArray()) {
            return null;
        }
        byte[] bytes = buffer.array();
        int end = buffer.arrayOffset() + buffer.limit();
        // As Tomcat reads it: blank lines, the method, blanks, then the target up to a blank or the line's end.
        int at = skip(bytes, buffer.arrayOffset(), end, "\r\n", true);
        at = skip(bytes, at, end, " \t\r\n", false);
        int from = skip(bytes, at, end, " \t", true);
        if (from == at || from >= end) {
            return null;
        }
        int to = skip(bytes, from, end, " \t\r\n?#", false);
        return originForm(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** The first index from {@code at} whose byte is (when {@code in}) or is not one of {@code set}, or {@code end}. */
    private static int skip(byte[] bytes, int at, int end, String set, boolean in) {
        while (at < end && (set.indexOf(bytes[at] & 0xff) >= 0) == in) {
            at++;
        }
        return at;
    }

    /** An absolute-form target ({@code http://host/v2}) names the same path as its origin form. */
    private static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int path = target.indexOf('/', scheme + 3);
        return path < 0 ? "/" : target.substring(path);
    }
}
