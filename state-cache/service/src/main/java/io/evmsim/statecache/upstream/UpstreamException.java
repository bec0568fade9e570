package io.evmsim.statecache.upstream;

/** The upstream could not answer (after retries and failover), or answered something unusable. */
public class UpstreamException extends RuntimeException {
    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
