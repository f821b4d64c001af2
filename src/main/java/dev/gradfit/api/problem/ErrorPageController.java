package dev.gradfit.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
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

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer value && value >= 400 ? value : 404;
        return Problems.respond(Problems.forStatus(status, path instanceof String p ? p : request.getRequestURI()));
    }
}
