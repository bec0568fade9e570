package io.evmsim.statecache.api;

/** Code was asked for by a hash that no tier holds (code is learned by reading an account that has it). */
public class UnknownCodeException extends RuntimeException {
    public UnknownCodeException(String message) {
        super(message);
    }
}
