package dev.gradfit.web;

import dev.gradfit.http.MalformedQueryException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a query string that Tomcat could not decode into parameters, with a 400 naming the parameter,
 * before anything reads one. Since Servlet 6.1 Tomcat throws from {@code getParameter} and its siblings on
 * such a query (a {@code %} not followed by two hex digits, bytes that are not UTF-8, a parameter with no
 * name), and it does so on whichever read comes first: a controller's {@code @RequestParam}, a filter, the
 * error page. Checking the raw query once, with the rules Tomcat decodes by, makes every route answer the
 * same problem, whether or not it reads parameters.
 *
 * <p>A parameter given twice ({@code ?target=y&target=x}) is refused the same way: a handler reads the
 * first value and would silently drop the other, so the client could not know which one was used. (Repeated
 * parts of a multipart body are refused for the same reason.) Actuator endpoints are the exception: their
 * parameters are Spring Boot's, and some repeat by design (the Prometheus scrape's {@code includedNames}).
 */
public final class QueryStringFilter extends OncePerRequestFilter {

    static final String NOT_UTF8 = "is not valid percent-encoded UTF-8";
    static final String QUERY = "query";
    static final String REPEATED = "is given more than once; give each parameter once";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final HandlerExceptionResolver problems;

    public QueryStringFilter(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        boolean repeatsAllowed = request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
        MalformedQueryException malformed = query == null ? null : check(query, !repeatsAllowed);
        if (malformed != null) {
            problems.resolveException(request, response, null, malformed);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The first fault of {@code query} (as sent, still percent-encoded), or {@code null} when it has none. */
    static MalformedQueryException check(String query) {
        return check(query, true);
    }

    /** As {@link #check(String)}, refusing a repeated parameter only when {@code refuseRepeats}. */
    static MalformedQueryException check(String query, boolean refuseRepeats) {
        Set<String> seen = new HashSet<>();
        for (String chunk : query.split("&", -1)) {
            if (chunk.isEmpty()) {
                continue; // Tomcat skips empty chunks ("a=1&&b=2")
            }
            int equals = chunk.indexOf('=');
            String encodedName = equals < 0 ? chunk : chunk.substring(0, equals);
            String name = decode(encodedName);
            if (name == null) {
                return new MalformedQueryException(QUERY, NOT_UTF8);
            }
            if (name.isEmpty()) {
                return new MalformedQueryException(QUERY, "has a parameter without a name");
            }
            if (equals >= 0 && decode(chunk.substring(equals + 1)) == null) {
                // The name is repeated only when it is plain, as every real parameter's is.
                return new MalformedQueryException(PLAIN_NAME.matcher(name).matches() ? name : QUERY, NOT_UTF8);
            }
            // Tomcat reads + as a space (and %2B as +), so a+b and a%20b are one name.
            if (refuseRepeats && !seen.add(decode(encodedName.replace("+", "%20")))) {
                return new MalformedQueryException(
                        PLAIN_NAME.matcher(name).matches() ? name : QUERY,
                        PLAIN_NAME.matcher(name).matches() ? REPEATED : "names a parameter more than once");
            }
        }
        return null;
    }

    /**
     * What {@code encoded} stands for, or {@code null} when a {@code %} is not followed by two hex digits or
     * the bytes are not UTF-8. ({@code +} stays as it is: only whether the text decodes matters here.)
     */
    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 3);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 1 < encoded.length() ? hex(encoded.charAt(i + 1)) : -1;
            int low = i + 2 < encoded.length() ? hex(encoded.charAt(i + 2)) : -1;
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.put((byte) (high << 4 | low));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip())
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would take other scripts' digits too). */
    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
