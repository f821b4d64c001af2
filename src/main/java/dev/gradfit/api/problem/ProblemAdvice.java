package dev.gradfit.api.problem;

import static dev.gradfit.api.problem.Problems.invalid;
import static dev.gradfit.api.problem.Problems.problem;
import static dev.gradfit.api.problem.Problems.respond;

import dev.gradfit.config.HttpProperties;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.http.ApiKeyHeader;
import dev.gradfit.http.ApiKeyRequiredException;
import dev.gradfit.http.BodyIncompleteException;
import dev.gradfit.http.BodyReadTimeoutException;
import dev.gradfit.http.MalformedQueryException;
import dev.gradfit.jobs.JobFinishedException;
import dev.gradfit.jobs.JobNotFoundException;
import dev.gradfit.jobs.JobQueueFullException;
import dev.gradfit.memory.BodyTooLargeException;
import dev.gradfit.memory.ServerBusyException;
import dev.gradfit.model.StoreFullException;
import dev.gradfit.model.StoreOutcomeUnknownException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.plots.PlotNotApplicableException;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.FitCapacityExceededException;
import dev.gradfit.service.FitOutOfMemoryException;
import dev.gradfit.service.FitTimedOutException;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.ModelNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type}, a human {@code detail} and,
 * for bad input, an {@code errors} array naming each field and the reason. Problem bodies never quote
 * what the client sent, never carry a stack trace, and are application/problem+json whatever the client
 * accepts.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final HttpProperties http;

    ProblemAdvice(HttpProperties http) {
        this.http = http;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> modelNotFound(ModelNotFoundException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND,
                ProblemTypes.MODEL_NOT_FOUND,
                "Model not found",
                "No model is kept under id " + ex.id() + ": it never existed, was deleted, or expired.",
                request);
        problem.setProperty("modelId", ex.id());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> plotNotApplicable(PlotNotApplicableException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT, ProblemTypes.PLOT_NOT_APPLICABLE, "Plot not applicable", ex.getMessage(), request);
        problem.setProperty("plot", ex.plot());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException ex, HttpServletRequest request) {
        return respond(invalid(ex.errors(), request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fitDiverged(FitDivergedException ex, HttpServletRequest request) {
        return respond(Problems.diverged(ex, request.getRequestURI()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> jobNotFound(JobNotFoundException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND,
                ProblemTypes.JOB_NOT_FOUND,
                "Job not found",
                "No job is kept under id " + ex.id() + ": it never existed, or it finished longer ago than"
                        + " gradfit.jobs.retention.",
                request);
        problem.setProperty("jobId", ex.id());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> jobFinished(JobFinishedException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT,
                ProblemTypes.JOB_FINISHED,
                "Job finished",
                "Job " + ex.job().id() + " has finished (" + ex.job().status() + "); there is nothing to cancel.",
                request);
        problem.setProperty("jobId", ex.job().id());
        problem.setProperty("jobStatus", ex.job().status());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> jobQueueFull(JobQueueFullException ex, HttpServletRequest request) {
        long seconds = Problems.retryAfterSeconds(ex.retryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.JOB_QUEUE_FULL,
                "Job queue full",
                "As many jobs as the queue may hold are waiting (at most " + ex.maxQueued() + ", and a bound on"
                        + " their data); nothing was queued. Retry after " + seconds + " s.",
                request);
        return Problems.unavailable(problem, seconds);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> malformedQuery(MalformedQueryException ex, HttpServletRequest request) {
        return respond(invalid(List.of(new FieldError(ex.parameter(), ex.reason())), request));
    }

    /**
     * Tomcat's refusal to decode parameters that {@link dev.gradfit.web.QueryStringFilter} did not see: those of
     * a form body. Its message quotes the request, so it is not repeated.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex, HttpServletRequest request) {
        return respond(invalid(
                List.of(new FieldError("parameters", "are not valid percent-encoded UTF-8, or too many")), request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLargeException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.BODY_TOO_LARGE,
                "Request body too large",
                "The request body is longer than " + ex.maxBytes() + " bytes, the limit set by"
                        + " gradfit.http.max-body-size.",
                request);
        problem.setProperty("maxBytes", ex.maxBytes());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> serverBusy(ServerBusyException ex, HttpServletRequest request) {
        if (!ex.admissible()) {
            ProblemDetail problem = problem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.BODY_TOO_LARGE,
                    "Request body too large",
                    "This request needs about " + ex.neededBytes() + " bytes of heap for its body and what is"
                            + " made of it (the points, or a table's design matrix), more than one request may hold"
                            + " of the " + ex.capacityBytes() + " set by gradfit.http.max-in-flight-bytes; send"
                            + " fewer rows per request.",
                    request);
            problem.setProperty("maxInFlightBytes", ex.capacityBytes());
            return respond(problem);
        }
        long seconds = Problems.retryAfterSeconds(http.busyRetryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVER_BUSY,
                "Server busy",
                "The request bodies being read now hold the memory this one needs (about " + ex.neededBytes()
                        + " bytes of the " + ex.capacityBytes() + " set by gradfit.http.max-in-flight-bytes);"
                        + " nothing was stored. Retry after " + seconds + " s.",
                request);
        return Problems.unavailable(problem, seconds);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bodyReadTimeout(BodyReadTimeoutException ex, HttpServletRequest request) {
        return Problems.bodyReadTimeout(
                "The request body did not arrive within " + ex.timeout().toMillis() + " ms, the limit set by"
                        + " gradfit.http.body-read-timeout.",
                request.getRequestURI());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bodyIncomplete(BodyIncompleteException ex, HttpServletRequest request) {
        // Clients that hang up mid-upload are routine; the answer most likely reaches no one.
        log.debug("Request body of {} {} ended early", request.getMethod(), request.getRequestURI(), ex.getCause());
        return respond(invalid(List.of(BodyFraming.error(request, ex.getCause())), request));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> apiKeyRequired(ApiKeyRequiredException ex, HttpServletRequest request) {
        String detail = ex.keyGiven()
                ? "The API key in the " + ApiKeyHeader.NAME + " header is not the right one."
                : "This API needs a key in the " + ApiKeyHeader.NAME + " header.";
        ProblemDetail problem =
                problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "API key required", detail, request);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyHeader.NAME + "\"");
        return respond(problem, HttpStatus.UNAUTHORIZED, headers);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fitCapacityExceeded(FitCapacityExceededException ex, HttpServletRequest request) {
        long seconds = Problems.retryAfterSeconds(ex.retryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.FIT_CAPACITY_EXCEEDED,
                "Too many fits at once",
                "Every fit thread is busy and the queue of waiting fits is full; nothing was stored. Retry after "
                        + seconds + " s.",
                request);
        return Problems.unavailable(problem, seconds);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fitTimedOut(FitTimedOutException ex, HttpServletRequest request) {
        long seconds = Problems.retryAfterSeconds(ex.retryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.FIT_TIMED_OUT,
                "Fit took too long",
                "The fit did not finish within " + ex.maxWait().toMillis() + " ms, waiting in the queue included,"
                        + " and was stopped; nothing was stored. Ask for fewer epochs or points, or retry when"
                        + " the server is less busy.",
                request);
        problem.setProperty("maxWaitMs", ex.maxWait().toMillis());
        return Problems.unavailable(problem, seconds);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fitOutOfMemory(FitOutOfMemoryException ex, HttpServletRequest request) {
        log.warn("A fit on {} ran out of memory; it was dropped and the server goes on", request.getRequestURI());
        return respond(Problems.outOfMemory(request.getRequestURI()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeOutcomeUnknown(StoreOutcomeUnknownException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY,
                ProblemTypes.STORE_OUTCOME_UNKNOWN,
                "Outcome unknown",
                "The connection to the shared store (Redis) broke while it held this write, so whether it was"
                        + " done is unknown. Look (list the models, or the jobs) before you retry.",
                request);
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeFull(StoreFullException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.INSUFFICIENT_STORAGE,
                ProblemTypes.STORE_FULL,
                "Store full",
                "The shared store (Redis) is out of memory (maxmemory reached) and refused to keep anything new;"
                        + " nothing was stored. Models can still be read, used and deleted; retry once models"
                        + " were deleted or Redis was given more memory.",
                request);
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException ex, HttpServletRequest request) {
        long seconds = Problems.retryAfterSeconds(ex.retryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.STORE_UNAVAILABLE,
                "Store unavailable",
                "The shared store (Redis, holding models and jobs) did not answer in time or refused the command, so"
                        + " this request could not be answered. Retry after " + seconds + " s.",
                request);
        return Problems.unavailable(problem, seconds);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return respond(Problems.forStatus(500, request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return badRequest(invalid(errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return badRequest(invalid(errors, servletRequest(request)));
    }

    /**
     * A method the route does not take is the client's mistake: Spring logs each one at WARN, so any client
     * could fill the log with them. Logged at DEBUG, as every other client error is.
     */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        log.debug("Method {} is not supported on {}", servletRequest.getMethod(), servletRequest.getRequestURI());
        return handleExceptionInternal(ex, null, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Class<?> required = ex.getRequiredType();
        String reason = required == null ? "has the wrong type" : "must be " + JsonErrors.describe(required);
        String field = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return badRequest(invalid(List.of(new FieldError(field, reason)), servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        BodyTooLargeException tooLarge = findCause(ex, BodyTooLargeException.class);
        if (tooLarge != null) {
            ResponseEntity<ProblemDetail> response = bodyTooLarge(tooLarge, servletRequest);
            return respond(response.getBody(), response.getStatusCode(), null);
        }
        ServerBusyException busy = findCause(ex, ServerBusyException.class);
        if (busy != null) {
            ResponseEntity<ProblemDetail> response = serverBusy(busy, servletRequest);
            return respond(response.getBody(), response.getStatusCode(), response.getHeaders());
        }
        BodyIncompleteException incomplete = findCause(ex, BodyIncompleteException.class);
        if (incomplete != null) {
            ResponseEntity<ProblemDetail> response = bodyIncomplete(incomplete, servletRequest);
            return respond(response.getBody(), response.getStatusCode(), null);
        }
        BodyReadTimeoutException slow = findCause(ex, BodyReadTimeoutException.class);
        if (slow != null) {
            ResponseEntity<ProblemDetail> response = bodyReadTimeout(slow, servletRequest);
            return respond(response.getBody(), response.getStatusCode(), response.getHeaders());
        }
        if (ex.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            FieldError error = new FieldError(JsonErrors.path(jackson), JsonErrors.reason(jackson));
            return badRequest(invalid(List.of(error), servletRequest));
        }
        if (ex.getCause() instanceof MismatchedInputException) {
            // Valid JSON of the wrong shape at the top: an array, a number, null.
            return badRequest(invalid(List.of(new FieldError("body", "must be a JSON object")), servletRequest));
        }
        String detail = "The body is not valid JSON";
        if (ex.getCause() instanceof StreamConstraintsException limit) {
            detail = "The body breaks a limit of the JSON parser: " + JsonErrors.limit(limit);
        } else if (ex.getCause() instanceof JacksonException jackson && jackson.getLocation() != null) {
            detail += " (line " + jackson.getLocation().getLineNr() + ", column "
                    + jackson.getLocation().getColumnNr() + ")";
        } else if (ex.getCause() == null) {
            detail = "The request needs a JSON body";
        }
        return badRequest(problem(
                HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_JSON, "Malformed JSON", detail + ".", servletRequest));
    }

    /** Gives the problems Spring MVC raises itself (404, 405, 406, 415, ...) a gradfit type and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response == null) {
            return null;
        }
        if (response.getBody() instanceof ProblemDetail problem) {
            Problems.complete(problem, status.value(), servletRequest(request));
        }
        return respond(response.getBody(), response.getStatusCode(), response.getHeaders());
    }

    private static ResponseEntity<Object> badRequest(ProblemDetail problem) {
        return respond(problem, HttpStatus.BAD_REQUEST, null);
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }
}
