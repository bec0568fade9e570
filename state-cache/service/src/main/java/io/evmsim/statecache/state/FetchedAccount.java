package io.evmsim.statecache.state;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.statecache.client.AccountData;

/**
 * An account read from a source, with its code when the caller did not already hold it (null otherwise).
 *
 * @param provenance how the account and its slots are known: PROVEN when checked against the block's state root
 */
public record FetchedAccount(AccountData account, byte[] code, StateProvenance provenance) {
}
