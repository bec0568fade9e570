package io.evmsim.statecache.client;

/**
 * State could not be read: the message names the failure (upstream error, unverifiable proof, unknown block,
 * unreachable service). Never replaced by a zero value.
 */
public class StateCacheException extends RuntimeException {
    private final int status;

    public StateCacheException(String message) {
        this(message, 0, null);
    }

    public StateCacheException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /** @param status the HTTP status the service answered with, 0 when there was no answer */
    public StateCacheException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the service answered with, or 0 when it was not reached. */
    public int status() {
        return status;
    }
}
