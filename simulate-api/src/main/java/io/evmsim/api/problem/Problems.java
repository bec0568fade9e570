package io.evmsim.api.problem;

import io.evmsim.common.simulation.SimulationError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one error shape of the gateway: an RFC 9457 problem document ({@code application/problem+json}) with
 * {@code type} (a stable URI per code), {@code title}, {@code status}, {@code detail}, {@code instance} (the
 * path asked for, or the simulation's), and the members {@code code} (the stable enum name), {@code field}
 * (the offending field's JSON path, when there is one) and {@code requestId}.
 */
public final class Problems {
    /** Every problem type's URI is this followed by its code, lower case with dashes: {@code .../invalid-request}. */
    public static final String TYPE_BASE = "https://evmsim.io/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(ApiProblem problem, String detail, String field) {
        return build(problem.name(), problem.status(), problem.title(), detail, field);
    }

    /** A simulation that ended in an error: the worker's code, with the status the code prescribes. */
    public static ProblemDetail of(SimulationError error, String detail, String field) {
        return build(error.name(), error.httpStatus(), title(error.name()), detail, field);
    }

    /** Sets the occurrence: the path (made a valid URI reference) and the id to quote when reporting it. */
    public static ProblemDetail at(ProblemDetail problem, String path, String requestId) {
        problem.setInstance(instance(path));
        problem.setProperty("requestId", requestId);
        return problem;
    }

    /** The document, members in the order of RFC 9457 and then ours. */
    public static String json(ProblemDetail problem) {
        ObjectNode document = JSON.createObjectNode();
        document.put("type", problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            document.put("instance", problem.getInstance().toString());
        }
        Map<String, Object> properties = problem.getProperties();
        if (properties != null) {
            properties.forEach((name, value) -> document.set(name, JSON.valueToTree(value)));
        }
        return document.toString();
    }

    private static ProblemDetail build(String code, int status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status),
                detail);
        problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** {@code DEADLINE_EXCEEDED}: "Deadline exceeded". */
    private static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The path (as sent: percent-encoded) as a URI reference, else with what a URI may not hold quoted; or null. */
    private static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAsSent) {
            try {
                return new URI(null, null, path, null);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
