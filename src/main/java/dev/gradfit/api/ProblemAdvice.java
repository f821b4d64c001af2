package dev.gradfit.api;

import dev.gradfit.fitting.FitDivergedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type}, a human {@code detail} and,
 * for bad input, an {@code errors} array naming each field and the reason. Problem bodies never quote
 * what the client sent, and never carry a stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private static final Map<Integer, URI> TYPES_BY_STATUS = Map.of(
            404, ProblemTypes.NOT_FOUND,
            405, ProblemTypes.METHOD_NOT_ALLOWED,
            406, ProblemTypes.NOT_ACCEPTABLE,
            415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
            400, ProblemTypes.INVALID_REQUEST,
            500, ProblemTypes.INTERNAL_ERROR);

    @ExceptionHandler
    ProblemDetail modelNotFound(ModelNotFoundException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.NOT_FOUND,
                ProblemTypes.MODEL_NOT_FOUND,
                "Model not found",
                "No model is kept under id " + ex.id() + ": it never existed, was deleted, or expired.",
                request);
        problem.setProperty("modelId", ex.id());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException ex, HttpServletRequest request) {
        return invalid(ex.errors(), request);
    }

    @ExceptionHandler
    ProblemDetail fitDiverged(FitDivergedException ex, HttpServletRequest request) {
        String what = ex.divergence() == FitDivergedException.Cause.GREW
                ? "The cost grew to more than " + (long) FitDivergedException.GROWTH_LIMIT
                        + " times its initial value after " + ex.epoch() + " epochs"
                : "The cost stopped being finite after " + ex.epoch() + " epochs";
        ProblemDetail problem = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemTypes.FIT_DIVERGED,
                "Fit diverged",
                what + " with learning rate " + ex.learningRate() + "; no model was stored.",
                request);
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

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fitCapacityExceeded(FitCapacityExceededException ex, HttpServletRequest request) {
        long seconds = retryAfterSeconds(ex.retryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.FIT_CAPACITY_EXCEEDED,
                "Too many fits at once",
                "Every fit thread is busy and the queue of waiting fits is full; nothing was stored. Retry after "
                        + seconds + " s.",
                request);
        problem.setProperty("retryAfterSeconds", seconds);
        return unavailable(problem, seconds);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> fitTimedOut(FitTimedOutException ex, HttpServletRequest request) {
        long seconds = retryAfterSeconds(ex.retryAfter());
        ProblemDetail problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.FIT_TIMED_OUT,
                "Fit took too long",
                "The fit did not finish within " + ex.maxWait().toMillis() + " ms, waiting in the queue included,"
                        + " and was stopped; nothing was stored. Ask for fewer epochs or points, or retry when"
                        + " the server is less busy.",
                request);
        problem.setProperty("maxWaitMs", ex.maxWait().toMillis());
        problem.setProperty("retryAfterSeconds", seconds);
        return unavailable(problem, seconds);
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "gradfit failed to handle the request; the failure is logged.",
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Class<?> required = ex.getRequiredType();
        String reason = required == null ? "has the wrong type" : "must be " + describe(required);
        String field = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return ResponseEntity.badRequest()
                .body(invalid(List.of(new FieldError(field, reason)), servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        if (ex.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            FieldError error = new FieldError(path(jackson), reason(jackson));
            return ResponseEntity.badRequest().body(invalid(List.of(error), servletRequest));
        }
        String detail = "The body is not valid JSON";
        if (ex.getCause() instanceof JacksonException jackson && jackson.getLocation() != null) {
            detail += " (line " + jackson.getLocation().getLineNr() + ", column "
                    + jackson.getLocation().getColumnNr() + ")";
        } else if (ex.getCause() == null) {
            detail = "The request needs a JSON body";
        }
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.MALFORMED_JSON,
                        "Malformed JSON",
                        detail + ".",
                        servletRequest));
    }

    /** Gives the problems Spring MVC raises itself (404, 405, 406, 415, ...) a gradfit type and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null
                    || "about:blank".equals(problem.getType().toString())) {
                problem.setType(TYPES_BY_STATUS.getOrDefault(status.value(), ProblemTypes.INTERNAL_ERROR));
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(servletRequest(request).getRequestURI()));
            }
        }
        return response;
    }

    /** {@code Retry-After} takes whole seconds; round up so that a client never comes back too early. */
    private static long retryAfterSeconds(java.time.Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem, long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ProblemDetail invalid(List<FieldError> errors, HttpServletRequest request) {
        String detail = errors.stream()
                .map(error -> error.field() + " " + error.reason())
                .collect(Collectors.joining("; ", "Invalid request: ", "."));
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail, request);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(
            HttpStatus status, URI type, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    /** A JSON path such as {@code x}, {@code initialWeights.coefficients} or {@code y[3]}. */
    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** Why a value was refused, in words that never quote the input. */
    private static String reason(JacksonException ex) {
        if (ex instanceof InvalidValueException) {
            return ex.getOriginalMessage();
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (ex instanceof InputCoercionException) {
            return "is out of range";
        }
        if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        if (ex instanceof StreamReadException) {
            return "is not valid JSON";
        }
        return "has the wrong type or shape";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }
}
