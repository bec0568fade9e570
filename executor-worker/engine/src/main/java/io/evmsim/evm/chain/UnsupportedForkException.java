package io.evmsim.evm.chain;

/** A block is under a fork whose rules the engine does not implement: it is refused, never run under others. */
public final class UnsupportedForkException extends RuntimeException {
    private final ChainFork fork;

    public UnsupportedForkException(ChainFork fork, long number, long timestamp) {
        super("block " + number + " (timestamp " + timestamp + ") is under " + fork.displayName()
                + ", whose rules this engine does not implement (it runs " + ChainFork.implemented() + ")");
        this.fork = fork;
    }

    public ChainFork fork() {
        return fork;
    }
}
