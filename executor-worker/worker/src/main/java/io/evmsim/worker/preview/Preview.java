package io.evmsim.worker.preview;

import io.evmsim.common.abi.Abis;
import io.evmsim.common.types.Address;
import java.util.List;
import java.util.Map;

/**
 * What a wallet shows beside one transaction's result: the fee, the metadata of every token it
 * touched (read on the simulated state), plain-language sentences and warnings.
 *
 * @param tokens by token contract; a token that answered nothing is absent
 * @param stateCalls the calls made on the simulated state to build it (metadata reads, receiver probes)
 * @param abis the client's ABIs and the standard ones, to decode calls, events and custom errors with
 * @param partial built without reading more state (the deadline left too little time): metadata only from
 *     the cache, no receiver probes, no approval-to-EOA check of an account the simulation did not read
 */
public record Preview(Fee fee, Map<Address, TokenMetadata> tokens, List<String> summary,
        List<PreviewWarning> warnings, int stateCalls, Abis abis, boolean partial) {

    /** The token's metadata, or {@link TokenMetadata#NONE}. */
    public TokenMetadata token(Address token) {
        return token == null ? TokenMetadata.ETHER : tokens.getOrDefault(token, TokenMetadata.NONE);
    }
}
