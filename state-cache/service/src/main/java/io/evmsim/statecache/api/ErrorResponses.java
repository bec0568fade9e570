package io.evmsim.statecache.api;

import io.evmsim.statecache.block.UnknownBlockException;
import io.evmsim.statecache.client.Protocol.ErrorResponse;
import io.evmsim.statecache.proof.ProofVerificationException;
import io.evmsim.statecache.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every failure as an {@link ErrorResponse} naming what went wrong; never a partial or zeroed answer. */
@RestControllerAdvice
public class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ErrorResponse> badRequest(Exception e) {
        return respond(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return respond(HttpStatus.BAD_REQUEST, "bad_request", "unreadable request body: " + cause.getMessage());
    }

    @ExceptionHandler(UnknownBlockException.class)
    ResponseEntity<ErrorResponse> unknownBlock(UnknownBlockException e) {
        return respond(HttpStatus.NOT_FOUND, "unknown_block", e.getMessage());
    }

    @ExceptionHandler(UnknownCodeException.class)
    ResponseEntity<ErrorResponse> unknownCode(UnknownCodeException e) {
        return respond(HttpStatus.NOT_FOUND, "unknown_code", e.getMessage());
    }

    @ExceptionHandler(UpstreamException.class)
    ResponseEntity<ErrorResponse> upstream(UpstreamException e) {
        LOG.warn("upstream failure: {}", e.getMessage());
        return respond(HttpStatus.BAD_GATEWAY, "upstream_unavailable", e.getMessage());
    }

    @ExceptionHandler(ProofVerificationException.class)
    ResponseEntity<ErrorResponse> proof(ProofVerificationException e) {
        LOG.warn("refused an unverifiable {} proof: {}", e.kind().tag(), e.getMessage());
        return respond(HttpStatus.BAD_GATEWAY, "proof_invalid", e.getMessage());
    }

    /** The details stay in the log: an exception's text can name internals (hosts, statements, stack frames). */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ErrorResponse> unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "the state cache failed unexpectedly; its log has the details");
    }

    private static ResponseEntity<ErrorResponse> respond(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(new ErrorResponse(error, message));
    }
}
