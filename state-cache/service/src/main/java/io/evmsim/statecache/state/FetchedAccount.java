package io.evmsim.statecache.state;

import io.evmsim.statecache.client.AccountData;

/**
 * An account read from a source, with its code when the caller did not already hold it (null otherwise).
 *
 * @param verified whether the values were proven against the block's state root
 */
public record FetchedAccount(AccountData account, byte[] code, boolean verified) {
}
