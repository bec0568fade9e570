package io.evmsim.api.web;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem documents as answers to the request at hand: its path as the {@code instance}, its id as the
 * {@code requestId}. The content type is set, not negotiated, so that a client asking for XML, HTML or
 * an event stream is still told what went wrong.
 */
public final class ProblemResponses {
    /** A client's own id for its request, echoed in problem documents when it is a plain token. */
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String REQUEST_ID_ATTRIBUTE = ProblemResponses.class.getName() + ".requestId";

    private ProblemResponses() {
    }

    static ResponseEntity<Object> answer(ProblemDetail problem, HttpServletRequest request, String path,
            HttpHeaders headers) {
        Problems.at(problem, path, requestId(request));
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.json(problem));
    }

    /**
     * The document of a status the servlet container set (with its message, if any): the container's message
     * is shown for a refusal only, as a failure's may be internal.
     */
    static ProblemDetail ofContainerStatus(int status, String message) {
        ApiProblem problem = ApiProblem.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String detail = problem.status() >= 500 ? problem.title()
                : message != null && !message.isBlank() ? message
                : known != null ? known.getReasonPhrase() : problem.title();
        return Problems.of(problem, detail, null);
    }

    /** Writes the document straight to the servlet response (for errors raised outside Spring MVC). */
    static void write(ProblemDetail problem, HttpServletRequest request, String path, HttpServletResponse response)
            throws IOException {
        Problems.at(problem, path, requestId(request));
        byte[] body = Problems.json(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The client's {@value #REQUEST_ID_HEADER} when it is a plain token, else one made up: the same for the whole request. */
    public static String requestId(HttpServletRequest request) {
        Object known = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        if (known instanceof String id) {
            return id;
        }
        String given = request.getHeader(REQUEST_ID_HEADER);
        String id = given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
        return id;
    }
}
