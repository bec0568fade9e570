package io.evmsim.evm.precompile;

/**
 * A precompiled contract. The interpreter asks for the gas first and runs {@link #compute} only
 * when the caller can pay; a null result is a failure that consumes all gas given to the call.
 */
public interface Precompile {
    /** The gas this input costs; {@link Long#MAX_VALUE} when it exceeds any possible gas limit. */
    long gasCost(byte[] input);

    /** The output, or null when the precompile fails (all gas of the call is consumed). */
    byte[] compute(byte[] input);
}
