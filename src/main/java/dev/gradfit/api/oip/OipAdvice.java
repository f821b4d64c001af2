package dev.gradfit.api.oip;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the protocol's own failures; every other failure on {@code /v2} is the problem gradfit answers
 * anywhere, turned into the protocol's error body by {@link OipErrorBodies}.
 */
@RestControllerAdvice(assignableTypes = OipController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OipAdvice {

    @ExceptionHandler
    ResponseEntity<OipError> oip(OipException ex) {
        return ResponseEntity.status(ex.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new OipError(ex.getMessage()));
    }
}
