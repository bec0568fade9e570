package io.evmsim.statecache.client;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;
import java.util.Map;

/**
 * The bodies of the state-cache HTTP API, shared by the service and {@link HttpStateCacheClient}.
 * <ul>
 * <li>{@code GET /v1/blocks/{blockId}} answers a {@link BlockHeader}</li>
 * <li>{@code POST /v1/state} takes a {@link ReadRequest}, answers a {@link ReadResponse}</li>
 * <li>{@code POST /v1/code} takes a {@link CodeRequest}, answers a {@link CodeResponse}</li>
 * <li>{@code GET /v1/block-hashes/{number}} answers a {@link BlockHashResponse}</li>
 * <li>{@code GET /v1/chain} answers a {@link ChainDescription}</li>
 * <li>errors answer an {@link ErrorResponse} with status 400 (bad input), 404 (unknown block or code hash),
 * 502 (the upstream failed or its proof did not verify)</li>
 * </ul>
 */
public final class Protocol {
    private Protocol() {
    }

    /** Reads at the block with this hash; the number is checked against it. */
    public record ReadRequest(Hash blockHash, long blockNumber, List<AccountRequest> accounts) {
    }

    public record AccountRequest(Address address, List<UInt256> slots) {
    }

    public record ReadResponse(List<AccountData> accounts) {
    }

    public record CodeRequest(List<Hash> codeHashes) {
    }

    /** Code as 0x-hex by code hash. */
    public record CodeResponse(Map<Hash, String> code) {
    }

    public record BlockHashResponse(long number, Hash hash) {
    }

    /** {@code error} is a stable code (for example {@code upstream_unavailable}); {@code message} says what failed. */
    public record ErrorResponse(String error, String message) {
    }
}
