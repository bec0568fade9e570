package io.evmsim.api.web;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a JSON request body: refuses one declared as another media type (415) and one over the size
 * limit (413), declared or sent, without buffering more than one byte past the limit, and one that
 * cannot be read (400). A body without a {@code Content-Type} is taken as JSON.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    public static byte[] readJson(HttpServletRequest request, int maxBytes) {
        String contentType = request.getContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new ProblemException(ApiProblem.UNSUPPORTED_MEDIA_TYPE, null,
                    "the body must be application/json, not " + contentType);
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes, request.getContentLengthLong());
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            // a malformed chunked coding, a body cut short: the client's doing (if it is still there to be told)
            throw new ProblemException(ApiProblem.INVALID_REQUEST, "body", "the body could not be read: "
                    + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes, -1);
        }
        return body;
    }

    /** {@code application/json} and its kin ({@code application/problem+json}, ...), whatever their parameters. */
    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || "json".equals(type.getSubtypeSuffix()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ProblemException tooLarge(int maxBytes, long declared) {
        return new ProblemException(ApiProblem.BODY_TOO_LARGE, "body", "the body is larger than the limit of "
                + maxBytes + " bytes" + (declared >= 0 ? " (" + declared + " declared)" : ""));
    }
}
