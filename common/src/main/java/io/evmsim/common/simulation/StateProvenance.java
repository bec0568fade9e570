package io.evmsim.common.simulation;

/**
 * How a value of chain state a simulation read is known. Only {@link #PROVEN} rests on the block's state root;
 * the state cache serves the first four, a request's own overrides are {@link #OVERRIDDEN}.
 */
public enum StateProvenance {
    /** Checked by a Merkle proof (eth_getProof) against the state root the pinned block's hash commits to. */
    PROVEN,
    /** Read from a node without eth_getProof (or with proof checks disabled): the node's word only. */
    PLAIN,
    /** Copied from the parent block's cache with the changes of debug_traceBlockByHash, without a proof. */
    CARRIED,
    /** The local devnet's genesis: there is no chain to prove it against. */
    DEVNET,
    /** Set by the request itself (state or block overrides), not read from the chain. */
    OVERRIDDEN;

    /** The less certain of the two: PROVEN only when both are. */
    public StateProvenance weakest(StateProvenance other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
