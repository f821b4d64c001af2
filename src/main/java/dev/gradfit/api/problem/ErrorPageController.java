package dev.gradfit.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Spring Boot's: errors raised outside Spring MVC (Tomcat refusing a method
 * such as TRACE, a filter failing) become problem documents too. Asked for directly, it is a 404.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    private final Duration connectionTimeout;

    /** @param connectionTimeout Tomcat's read timeout, 60 s in Tomcat unless set */
    ErrorPageController(@Value("${server.tomcat.connection-timeout:60s}") Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer value && value >= 400 ? value : 404;
        String path = uri instanceof String p ? p : request.getRequestURI();
        if (status == 408) {
            // Tomcat's own 408: a read of the body waited longer than its read timeout for a single byte. The
            // response it marks as failed cannot carry the problem gradfit's handlers wrote meanwhile.
            return Problems.bodyReadTimeout(
                    "The request body stopped arriving: nothing more of it came within " + connectionTimeout.toMillis()
                            + " ms, the limit set by server.tomcat.connection-timeout.",
                    path);
        }
        if (status == 400 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof IOException broken) {
            // Tomcat's own 400 for a body whose framing it could not read: the same invalid-request problem as
            // any other bad body, since the response it marks as failed cannot carry the one written meanwhile.
            return Problems.respond(Problems.invalid(List.of(BodyFraming.error(request, broken)), path));
        }
        return Problems.respond(Problems.forStatus(status, path));
    }
}
