package dev.gradfit.api.oip;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Writes every problem answered on {@code /v2/**} as the protocol's error body, {@code {"error": detail}}
 * in application/json, keeping its status and headers (Retry-After, WWW-Authenticate). It sees the
 * problems of the controllers, of the filters (body size, memory, read time, Content-Type, API key), and
 * of the error page, since all of them are written by Spring MVC; elsewhere problems stay RFC 9457.
 */
@ControllerAdvice
class OipErrorBodies implements ResponseBodyAdvice<Object> {

    static final String PREFIX = "/v2";

    static final String NOT_ACCEPTABLE = "The protocol answers application/json: the Accept header must allow it.";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail problem)
                || !(request instanceof ServletServerHttpRequest servlet)
                || !onProtocolPath(servlet.getServletRequest())) {
            return body;
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (problem.getStatus() == HttpStatus.NOT_ACCEPTABLE.value()) {
            // The problem's own detail offers application/problem+json, which the protocol never answers.
            return new OipError(NOT_ACCEPTABLE);
        }
        String message = problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
        return new OipError(message == null ? "The request could not be handled." : message);
    }

    /** Whether the request (the original one, on the error page) is the protocol's. */
    static boolean onProtocolPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri
                ? uri
                : request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }
}
