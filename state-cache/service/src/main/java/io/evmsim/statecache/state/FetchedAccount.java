package io.evmsim.statecache.state;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.statecache.client.AccountData;
import java.util.List;

/**
 * An account read from a source, with its code when the caller did not already hold it (null otherwise).
 *
 * @param provenance how the account and its slots are known: PROVEN when checked against the block's state root
 * @param proofNodes the RLP of the trie nodes that proved them (account and storage proofs), kept by hash so a
 *                   witness can be rebuilt from them later; empty when nothing was proven
 */
public record FetchedAccount(AccountData account, byte[] code, StateProvenance provenance, List<byte[]> proofNodes) {
    public FetchedAccount(AccountData account, byte[] code, StateProvenance provenance) {
        this(account, code, provenance, List.of());
    }
}
