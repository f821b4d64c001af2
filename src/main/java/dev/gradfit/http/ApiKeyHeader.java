package dev.gradfit.http;

/** The request header that carries the API key: read by the filter, named in refusals and in the API document. */
public final class ApiKeyHeader {

    public static final String NAME = "X-API-Key";

    private ApiKeyHeader() {}
}
