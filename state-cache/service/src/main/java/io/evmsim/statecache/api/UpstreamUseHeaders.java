package io.evmsim.statecache.api;

import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.upstream.UpstreamUse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every {@code /v1} request with the upstream requests it caused and their time
 * ({@link Protocol#UPSTREAM_REQUESTS}, {@link Protocol#UPSTREAM_MILLIS}), errors included. The headers are set
 * when the body starts, which is after the request's upstream work and before anything is committed.
 */
@Component
public class UpstreamUseHeaders extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UpstreamUse use = UpstreamUse.begin();
        try {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                private boolean written;

                @Override
                public ServletOutputStream getOutputStream() throws IOException {
                    stamp();
                    return super.getOutputStream();
                }

                @Override
                public PrintWriter getWriter() throws IOException {
                    stamp();
                    return super.getWriter();
                }

                private void stamp() {
                    if (!written && !isCommitted()) {
                        setHeader(Protocol.UPSTREAM_REQUESTS, Integer.toString(use.requests()));
                        setHeader(Protocol.UPSTREAM_MILLIS, String.format(Locale.ROOT, "%.3f", use.millis()));
                    }
                    written = true;
                }
            });
        } finally {
            use.end();
        }
    }
}
