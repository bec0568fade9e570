package io.evmsim.api.web;

import io.evmsim.api.simulation.ClientPresence;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Gives each request a {@link ClientPresence} that looks at its connection. Tomcat learns that a client went
 * away only when it next writes to it, and a synchronous simulation writes nothing until its answer: so the
 * waiting request asks, from time to time, for a non-blocking read of its connection. Once the request body is
 * read, nothing more is expected from the client before the answer; an end of stream (or an error) there means
 * the client closed its connection, as nginx too reads it. Bytes there would be a request pipelined behind a
 * {@code POST}, which clients do not send (RFC 9112, section 9.3.2): they are taken as a client gone as well.
 */
public class ClientConnectionValve extends ValveBase {
    private static final String ATTRIBUTE = ClientConnectionValve.class.getName();

    public ClientConnectionValve() {
        super(true);
    }

    /** The presence of the client of {@code request}; assumed when the request did not pass this valve. */
    public static ClientPresence presence(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ClientPresence presence ? presence : ClientPresence.ASSUMED;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        Connection connection = new Connection(request.getCoyoteRequest());
        request.setAttribute(ATTRIBUTE, connection);
        try {
            getNext().invoke(request, response);
        } finally {
            connection.close();
        }
    }

    /**
     * One request's connection. Probes are serialized and end with the request: a batch's elements wait on
     * their own threads, while the request's thread, which owns the connection, waits for them and neither
     * reads nor writes.
     */
    private static final class Connection implements ClientPresence {
        private final org.apache.coyote.Request coyote;
        private boolean open = true;
        private boolean gone;

        Connection(org.apache.coyote.Request coyote) {
            this.coyote = coyote;
        }

        @Override
        public synchronized boolean gone() {
            if (open && !gone) {
                coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
                gone = coyote.getAvailable() > 0;
            }
            return gone;
        }

        synchronized void close() {
            open = false;
        }
    }
}
