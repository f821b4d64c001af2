package dev.gradfit.http;

/**
 * A query string that is not valid percent-encoded UTF-8, that holds a parameter without a name, or that
 * gives a parameter more than once: a 400.
 * Tomcat refuses such a query with an exception wherever a parameter is first read, which would otherwise
 * surface as a failure of the handler.
 */
public final class MalformedQueryException extends RuntimeException {

    private final String parameter;
    private final String reason;

    public MalformedQueryException(String parameter, String reason) {
        super("malformed query string", null, false, false);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** The parameter whose value is wrong, when its name is plain enough to repeat; else {@code query}. */
    public String parameter() {
        return parameter;
    }

    /** Why, in words that quote nothing of the request. */
    public String reason() {
        return reason;
    }
}
