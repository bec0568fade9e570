package io.evmsim.api.web;

import io.evmsim.api.request.InvalidRequestException;
import io.evmsim.api.simulation.PublishFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every refusal as a JSON object naming what is wrong. */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<Map<String, String>> invalid(InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, null, e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Map<String, String>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, null, "answers are application/json or text/event-stream");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<Map<String, String>> notFound(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, null, "no such endpoint: " + e.getResourcePath());
    }

    /** The request was valid but could not be handed to the workers (Kafka unreachable, ...). */
    @ExceptionHandler(PublishFailedException.class)
    public ResponseEntity<Map<String, String>> unavailable(PublishFailedException e) {
        LOG.warn("could not publish a simulation request", e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage());
    }

    /** The results store (PostgreSQL) failed: the service, not the request, is at fault. */
    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<Map<String, String>> storeUnavailable(DataAccessException e) {
        LOG.warn("the results store failed", e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, null,
                "the results store is unavailable: " + e.getMostSpecificCause().getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String field, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return ResponseEntity.status(status).body(body);
    }
}
