package io.evmsim.statecache.block;

/** No source knows the block asked for. */
public class UnknownBlockException extends RuntimeException {
    public UnknownBlockException(String message) {
        super(message);
    }
}
