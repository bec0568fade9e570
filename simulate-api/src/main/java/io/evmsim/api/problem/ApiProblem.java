package io.evmsim.api.problem;

import java.util.EnumSet;
import java.util.Set;

/**
 * The gateway's own problems: every refusal and failure it answers without a simulation having run, each
 * with its stable code, HTTP status and title. A simulation that ended in an error answers with its
 * {@link io.evmsim.common.simulation.SimulationError} instead; both become one RFC 9457 document
 * ({@link Problems}).
 */
public enum ApiProblem {
    /** A field is malformed, missing, unknown or out of range (the document names it), or the body is not JSON. */
    INVALID_REQUEST(400, "Invalid request"),
    /** No endpoint at this path. */
    NOT_FOUND(404, "Not found"),
    /** No simulation by this id (never one, or its results expired). */
    SIMULATION_NOT_FOUND(404, "Simulation not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** The {@code Accept} header excludes what the endpoint answers. */
    NOT_ACCEPTABLE(406, "Not acceptable"),
    /** The body is larger than {@code evmsim.limits.max-body-bytes}. */
    BODY_TOO_LARGE(413, "Request body too large"),
    /** The body is declared as something other than JSON. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** This client, or all clients together, hold as many event streams as {@code evmsim.streams} allows. */
    TOO_MANY_STREAMS(429, "Too many open streams"),
    /** No API key was presented ({@code X-Api-Key}, or {@code /rpc/{key}}) where one is required. */
    API_KEY_MISSING(401, "API key required"),
    /** The API key presented is not one of this service's. */
    API_KEY_UNKNOWN(401, "Unknown API key"),
    /** The API key presented was revoked. */
    API_KEY_REVOKED(403, "API key revoked"),
    /** The key's requests per second are spent: {@code Retry-After} says when the next is allowed. */
    RATE_LIMITED(429, "Rate limit exceeded"),
    /** The key's gas for today (UTC) is spent: {@code Retry-After} says when the day ends. */
    GAS_QUOTA_EXCEEDED(429, "Gas quota exceeded"),
    /** A dependency is unavailable (said by the framework, which gives no more detail). */
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    /** The request could not be handed to the workers (the broker is unreachable): nothing was accepted. */
    PUBLISH_FAILED(503, "Simulation queue unavailable"),
    /** The results store (PostgreSQL) failed. */
    STORE_UNAVAILABLE(503, "Results store unavailable"),
    /** The gateway failed; the answer carries the request id its log names. */
    INTERNAL(500, "Internal error");

    /** Said of a request's API key only, never of a status the framework or the container sets. */
    private static final Set<ApiProblem> KEY_PROBLEMS =
            EnumSet.of(API_KEY_MISSING, API_KEY_UNKNOWN, API_KEY_REVOKED, RATE_LIMITED, GAS_QUOTA_EXCEEDED);

    private final int status;
    private final String title;

    ApiProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The problem of a status raised by the framework or the servlet container, which say no more. The
     * container's 501 (a method it does not implement, such as CONNECT) and 505 (an HTTP version it does not
     * speak) are the client's doing, not the service's: they are answered as 405 and 400.
     */
    public static ApiProblem forStatus(int status) {
        if (status == 501) {
            return METHOD_NOT_ALLOWED;
        }
        if (status == 505) {
            return INVALID_REQUEST;
        }
        for (ApiProblem problem : values()) {
            if (problem.status == status && !KEY_PROBLEMS.contains(problem)) {
                return problem;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
