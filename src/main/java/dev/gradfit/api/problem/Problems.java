package dev.gradfit.api.problem;

import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.service.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds gradfit's problem documents and the responses that carry them. */
final class Problems {

    private static final Map<Integer, URI> TYPES_BY_STATUS = Map.of(
            400, ProblemTypes.INVALID_REQUEST,
            404, ProblemTypes.NOT_FOUND,
            405, ProblemTypes.METHOD_NOT_ALLOWED,
            406, ProblemTypes.NOT_ACCEPTABLE,
            413, ProblemTypes.BODY_TOO_LARGE,
            415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
            500, ProblemTypes.INTERNAL_ERROR);

    /**
     * Fixed details for the problems Spring MVC and Tomcat raise themselves, whose own details quote the
     * request (the path of a 404, the method of a 405, the Content-Type of a 415).
     */
    private static final Map<Integer, String> FIXED_DETAILS = Map.of(
            400, "The request could not be read.",
            404, "No resource at this path.",
            405, "This method is not allowed on this path; the Allow header lists those that are.",
            406, "gradfit answers application/json, or application/problem+json for errors.",
            415, "The body must be application/json.",
            500, "gradfit failed to handle the request; the failure is logged.");

    /** The most field errors a 400 names. */
    static final int MAX_ERRORS = 20;

    private Problems() {}

    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail, HttpServletRequest request) {
        return problem(status, type, title, detail, request.getRequestURI());
    }

    /** A problem about {@code path}: the request's, or the resource's it concerns (a job). */
    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setInstance(instance(path));
        return problem;
    }

    static ProblemDetail invalid(List<FieldError> errors, HttpServletRequest request) {
        return invalid(errors, request.getRequestURI());
    }

    /**
     * 400 naming the first {@value #MAX_ERRORS} field errors, and how many more there are: a request of
     * thousands of bad fields gets an answer of a few kilobytes, not one that grows with the request.
     */
    static ProblemDetail invalid(List<FieldError> errors, String path) {
        List<FieldError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
        String more = errors.size() > MAX_ERRORS ? "; and " + (errors.size() - MAX_ERRORS) + " more errors." : ".";
        String detail = shown.stream()
                .map(error -> error.field() + " " + error.reason())
                .collect(Collectors.joining("; ", "Invalid request: ", more));
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail, path);
        problem.setProperty("errors", List.copyOf(shown));
        return problem;
    }

    /** 422 for a fit that ran away: at which epoch, how, and what to try. */
    static ProblemDetail diverged(FitDivergedException ex, String path) {
        String cause = FitDivergedException.what(ex.divergence());
        String what = "After " + ex.epoch() + " epochs " + cause;
        ProblemDetail problem = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemTypes.FIT_DIVERGED,
                "Fit diverged",
                what + " with learning rate " + ex.learningRate() + "; no model was stored.",
                path);
        problem.setProperty("epoch", ex.epoch());
        problem.setProperty("divergence", ex.divergence());
        problem.setProperty("learningRate", ex.learningRate());
        problem.setProperty("lastFiniteCost", Double.isFinite(ex.lastFiniteCost()) ? ex.lastFiniteCost() : null);
        if (Double.isFinite(ex.maxStableLearningRate())) {
            problem.setProperty("maxStableLearningRate", ex.maxStableLearningRate());
        }
        problem.setProperty("hint", ex.hint());
        return problem;
    }

    /** A fit that ran out of heap: 503, nothing stored; the same for a synchronous fit and a job. */
    static ProblemDetail outOfMemory(String path) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.FIT_OUT_OF_MEMORY,
                "Fit ran out of memory",
                "The fit ran out of memory: the server's heap could not hold it, and nothing was stored. Send fewer"
                        + " rows or columns, or ask the operator for more heap.",
                path);
    }

    /** A problem for a bare status, with a fixed detail; {@code path} is the request's path. */
    static ProblemDetail forStatus(int status, String path) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(typeFor(status));
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setDetail(FIXED_DETAILS.getOrDefault(status, "The request could not be handled."));
        problem.setInstance(instance(path));
        return problem;
    }

    /** Completes a problem that Spring MVC made: a gradfit type, an instance, a detail that quotes nothing. */
    static void complete(ProblemDetail problem, int status, HttpServletRequest request) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(typeFor(status));
        }
        if (problem.getInstance() == null) {
            problem.setInstance(instance(request.getRequestURI()));
        }
        String fixed = FIXED_DETAILS.get(status);
        if (fixed != null) {
            problem.setDetail(fixed);
        }
    }

    /**
     * A response carrying {@code problem} as application/problem+json whatever the request's Accept header
     * says: an error is worth telling even to a client that asked for an image.
     */
    static <T> ResponseEntity<T> respond(T problem, HttpStatusCode status, HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        if (headers != null) {
            all.putAll(headers);
        }
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, all, status);
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return respond(problem, HttpStatusCode.valueOf(problem.getStatus()), null);
    }

    /**
     * 408 for a body that arrived too slowly (gradfit's deadline) or stopped arriving (Tomcat's read timeout);
     * the connection is closed, since the rest of the body may still be on its way.
     */
    static ResponseEntity<ProblemDetail> bodyReadTimeout(String detail, String path) {
        ProblemDetail problem = problem(
                HttpStatus.REQUEST_TIMEOUT, ProblemTypes.BODY_READ_TIMEOUT, "Request body too slow", detail, path);
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return respond(problem, HttpStatus.REQUEST_TIMEOUT, headers);
    }

    /** {@code Retry-After} takes whole seconds; round up so that a client never comes back too early. */
    static long retryAfterSeconds(java.time.Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** A 503 that says when to come back: in Retry-After and in the problem's retryAfterSeconds. */
    static ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem, long retryAfterSeconds) {
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return respond(problem, HttpStatus.SERVICE_UNAVAILABLE, headers);
    }

    private static URI typeFor(int status) {
        return TYPES_BY_STATUS.getOrDefault(
                status, status >= 500 ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.INVALID_REQUEST);
    }

    /**
     * The request's path as the problem's {@code instance}. Tomcat lets through some characters that a URI
     * may not hold; those are percent-encoded rather than failing.
     */
    private static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return new URI(path);
        } catch (URISyntaxException e) {
            try {
                return new URI(null, null, path, null);
            } catch (URISyntaxException stillInvalid) {
                return null;
            }
        }
    }
}
