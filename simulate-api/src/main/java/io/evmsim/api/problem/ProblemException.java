package io.evmsim.api.problem;

/** A refusal answered as the problem document of {@link #problem()}, naming the offending field where there is one. */
public class ProblemException extends RuntimeException {
    private final ApiProblem problem;
    private final String field;

    public ProblemException(ApiProblem problem, String field, String detail) {
        super(detail);
        this.problem = problem;
        this.field = field;
    }

    public ApiProblem problem() {
        return problem;
    }

    /** The JSON path of the offending field ({@code transactions[1].gas}), or null. */
    public String field() {
        return field;
    }
}
