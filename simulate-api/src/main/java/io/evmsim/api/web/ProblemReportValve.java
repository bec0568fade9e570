package io.evmsim.api.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for what it refuses before any servlet sees the request (a path with a NUL,
 * an encoded slash or a {@code ..} that climbs out of the root, a malformed request line): a problem
 * document in place of its HTML page.
 */
public class ProblemReportValve extends ErrorReportValve {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.resetBuffer();
            ProblemResponses.write(ProblemResponses.ofContainerStatus(status, response.getMessage()), request,
                    request.getRequestURI(), response);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("could not write the problem document of a refused request", e);
        }
    }
}
