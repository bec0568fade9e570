package io.evmsim.common.tx;

/** A transaction that cannot be decoded, or whose signature does not yield a sender. */
public class InvalidTransactionException extends RuntimeException {
    public InvalidTransactionException(String message) {
        super(message);
    }

    public InvalidTransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
