package io.evmsim.api.simulation;

/** A valid request that could not be handed to the workers; nothing was accepted. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
