package io.evmsim.api.web;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import io.evmsim.api.problem.Problems;
import io.evmsim.api.simulation.ClientGoneException;
import io.evmsim.api.simulation.PublishFailedException;
import io.evmsim.common.simulation.SimulationError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal and failure of a request Spring MVC handles, as a problem document ({@link Problems}):
 * the gateway's own refusals, and the framework's (unknown path, wrong method, unacceptable
 * {@code Accept}, ...) by their status.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<Object> refused(ProblemException e, HttpServletRequest request) {
        return answer(Problems.of(e.problem(), e.getMessage(), e.field()), request);
    }

    /** The request was valid but could not be handed to the workers (Kafka unreachable, ...). */
    @ExceptionHandler(PublishFailedException.class)
    public ResponseEntity<Object> unavailable(PublishFailedException e, HttpServletRequest request) {
        LOG.warn("could not publish a simulation request (request {})", ProblemResponses.requestId(request), e);
        return answer(Problems.of(ApiProblem.PUBLISH_FAILED, e.getMessage(), null), request);
    }

    /**
     * The client closed its connection while it waited: its simulation is cancelled. A client that closed only
     * its sending side still reads this answer; one that closed both never sees it.
     */
    @ExceptionHandler(ClientGoneException.class)
    public ResponseEntity<Object> clientGone(ClientGoneException e, HttpServletRequest request) {
        LOG.debug("{} (request {})", e.getMessage(), ProblemResponses.requestId(request));
        return answer(Problems.of(SimulationError.CANCELLED, e.getMessage(), null), request);
    }

    /** The results store (PostgreSQL) failed: the service, not the request, is at fault. */
    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<Object> storeUnavailable(DataAccessException e, HttpServletRequest request) {
        LOG.warn("the results store failed (request {})", ProblemResponses.requestId(request), e);
        return answer(Problems.of(ApiProblem.STORE_UNAVAILABLE, "the results store is unavailable", null), request);
    }

    /**
     * Anything else is the gateway's fault: logged with the request id, which the client is given (unless
     * its answer, an event stream, has already begun).
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> failed(Exception e, HttpServletRequest request, HttpServletResponse response) {
        String requestId = ProblemResponses.requestId(request);
        LOG.error("request {} {} failed (request {})", request.getMethod(), request.getRequestURI(), requestId, e);
        if (response.isCommitted()) {
            return null;
        }
        return answer(Problems.of(ApiProblem.INTERNAL, "internal error (request " + requestId + ")", null), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(Problems.of(ApiProblem.NOT_FOUND, "no such endpoint: " + e.getHttpMethod() + " /"
                + e.getResourcePath(), null), servletRequest(request), headers);
    }

    /** The framework's refusals, whose body is its own problem document: ours instead, for the same status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String detail = body instanceof ProblemDetail framework && framework.getDetail() != null
                ? framework.getDetail() : "refused with status " + status.value();
        return answer(Problems.of(ApiProblem.forStatus(status.value()), detail, null), servletRequest(request), headers);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpServletRequest request) {
        return answer(problem, request, HttpHeaders.EMPTY);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpServletRequest request,
            HttpHeaders headers) {
        return ProblemResponses.answer(problem, request, request.getRequestURI(), headers);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }
}
