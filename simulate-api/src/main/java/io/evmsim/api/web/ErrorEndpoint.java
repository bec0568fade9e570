package io.evmsim.api.web;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): what fails outside Spring MVC (a filter, a
 * container's own refusal) is answered as a problem document for its status, in place of Boot's
 * whitelabel answer. Asked for directly, {@code /error} is no endpoint.
 */
@RestController
public class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<Object> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            return ProblemResponses.answer(Problems.of(ApiProblem.NOT_FOUND, "no such endpoint: "
                    + request.getMethod() + " " + request.getRequestURI(), null), request, request.getRequestURI(),
                    HttpHeaders.EMPTY);
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return ProblemResponses.answer(ProblemResponses.ofContainerStatus(status, message instanceof String text
                ? text : null), request, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                HttpHeaders.EMPTY);
    }
}
