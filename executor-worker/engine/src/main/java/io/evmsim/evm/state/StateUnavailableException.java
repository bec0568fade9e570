package io.evmsim.evm.state;

/** A state read that the source could not answer (an upstream failure, a missing proof, ...). */
public class StateUnavailableException extends RuntimeException {
    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateUnavailableException(String message) {
        super(message);
    }
}
