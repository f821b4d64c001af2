package dev.gradfit.api.problem;

import java.net.URI;

/** The stable {@code type} URIs of gradfit's problem details, one per kind of problem. */
final class ProblemTypes {

    private static final String BASE = "https://gradfit.dev/problems/";

    static final URI INVALID_REQUEST = URI.create(BASE + "invalid-request");
    static final URI MALFORMED_JSON = URI.create(BASE + "malformed-json");
    static final URI MODEL_NOT_FOUND = URI.create(BASE + "model-not-found");
    static final URI PLOT_NOT_APPLICABLE = URI.create(BASE + "plot-not-applicable");
    static final URI FIT_DIVERGED = URI.create(BASE + "fit-diverged");
    static final URI FIT_CAPACITY_EXCEEDED = URI.create(BASE + "fit-capacity-exceeded");
    static final URI FIT_TIMED_OUT = URI.create(BASE + "fit-timed-out");
    static final URI FIT_OUT_OF_MEMORY = URI.create(BASE + "fit-out-of-memory");
    static final URI JOB_NOT_FOUND = URI.create(BASE + "job-not-found");
    static final URI JOB_FINISHED = URI.create(BASE + "job-finished");
    static final URI JOB_QUEUE_FULL = URI.create(BASE + "job-queue-full");
    static final URI STORE_UNAVAILABLE = URI.create(BASE + "store-unavailable");
    static final URI STORE_FULL = URI.create(BASE + "store-full");
    static final URI STORE_OUTCOME_UNKNOWN = URI.create(BASE + "store-outcome-unknown");
    static final URI NOT_FOUND = URI.create(BASE + "not-found");
    static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    static final URI BODY_TOO_LARGE = URI.create(BASE + "body-too-large");
    static final URI SERVER_BUSY = URI.create(BASE + "server-busy");
    static final URI BODY_READ_TIMEOUT = URI.create(BASE + "body-read-timeout");
    static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
    static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

    private ProblemTypes() {}
}
