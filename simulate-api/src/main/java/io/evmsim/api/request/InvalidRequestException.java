package io.evmsim.api.request;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;

/** A request the gateway refuses, naming the field (a JSON path such as {@code transactions[1].gas}). */
public class InvalidRequestException extends ProblemException {
    public InvalidRequestException(String field, String message) {
        super(ApiProblem.INVALID_REQUEST, field, message);
    }

    public InvalidRequestException(ApiProblem problem, String field, String message) {
        super(problem, field, message);
    }
}
