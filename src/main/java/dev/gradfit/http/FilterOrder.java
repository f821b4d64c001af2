package dev.gradfit.http;

import org.springframework.core.Ordered;

/**
 * The order of gradfit's servlet filters, outermost first: every filter registration takes its order from
 * here, so that the chain reads in one place. Each one is ahead of Spring's own filters (Boot's
 * {@code OrderedRequestContextFilter}, the observation filter and the character-encoding filter).
 */
public enum FilterOrder {

    /** The request id, so that every answer, refusals included, carries one. */
    REQUEST_ID,
    /** A query Tomcat cannot decode is a 400 on every route, before anything reads a parameter. */
    QUERY_STRING,
    /** The body guard: size, in-flight memory, read time. */
    REQUEST_BODY,
    /** Bodies of a media type gradfit does not take. */
    CONTENT_TYPE,
    /** The API key, when one is required. */
    API_KEY,
    /** Small JSON predictions answered ahead of the DispatcherServlet, after every guard above. */
    PREDICTION_FAST_PATH;

    /** This filter's order, for {@code FilterRegistrationBean#setOrder}. */
    public int order() {
        return Ordered.HIGHEST_PRECEDENCE + 10 * ordinal();
    }
}
