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
 * <li>{@code GET /v1/block-hashes/{number}?block={pinned hash}} answers a {@link BlockHashResponse}: the ancestor
 * of the pinned block by parent hashes</li>
 * <li>{@code GET /v1/chain} answers a {@link ChainDescription}</li>
 * <li>{@code POST /v1/witness} takes a {@link WitnessRequest}, answers a {@link WitnessResponse}</li>
 * <li>errors answer an {@link ErrorResponse} with status 400 (bad input), 404 (unknown block or code hash),
 * 502 (the upstream failed or its proof did not verify)</li>
 * <li>every answer carries {@link #UPSTREAM_REQUESTS} and {@link #UPSTREAM_MILLIS}: what serving it cost upstream</li>
 * </ul>
 */
public final class Protocol {
    /** Response header: the upstream HTTP requests (JSON-RPC batches) this answer needed. */
    public static final String UPSTREAM_REQUESTS = "Upstream-Requests";
    /** Response header: the time spent in those requests, in milliseconds. */
    public static final String UPSTREAM_MILLIS = "Upstream-Millis";

    private Protocol() {
    }

    /**
     * Reads at the block with this hash; the number is checked against it.
     *
     * @param hints calls about to run at this block, or null: when the read has to ask the upstream anyway, it
     *              asks in the same request which accounts and slots these calls touch, and answers those too
     *              ({@link ReadResponse#hinted})
     */
    public record ReadRequest(Hash blockHash, long blockNumber, List<AccountRequest> accounts, List<CallHint> hints) {
        public ReadRequest(Hash blockHash, long blockNumber, List<AccountRequest> accounts) {
            this(blockHash, blockNumber, accounts, null);
        }
    }

    public record AccountRequest(Address address, List<UInt256> slots) {
    }

    /** Calls one read may carry as hints (a bundle's first ones): each is one more call in the upstream batch. */
    public static final int MAX_HINTS = 64;

    /** A call as eth_createAccessList takes it ({@code to} null for a creation, {@code data} 0x-hex). */
    public record CallHint(Address from, Address to, String data, UInt256 value) {
    }

    /**
     * @param accounts each says in {@link AccountData#unproven} what of it is not proven against the block's state
     *                 root (absent when all is)
     * @param hinted accounts with the slots the hints named, beyond those asked for (verified as they are); empty
     *               or null when no hint was asked (all was cached, or the upstream gives none)
     * @param code   the code this read fetched from the upstream, as 0x-hex by code hash (so the caller needs no
     *               {@code /v1/code} request for it); empty or null when it fetched none
     */
    public record ReadResponse(List<AccountData> accounts, List<AccountData> hinted, Map<Hash, String> code) {
        public ReadResponse(List<AccountData> accounts) {
            this(accounts, List.of(), Map.of());
        }
    }

    public record CodeRequest(List<Hash> codeHashes) {
    }

    /** Code as 0x-hex by code hash. */
    public record CodeResponse(Map<Hash, String> code) {
    }

    public record BlockHashResponse(long number, Hash hash) {
    }

    /**
     * The witness parts of what a simulation read at the block with this hash (the number is checked against it).
     *
     * @param accounts        the accounts read, each with the slots read
     * @param codeHashes      the code read (by hash)
     * @param blockHashNumbers the block numbers BLOCKHASH read: their headers, linked by parent hash back from the
     *                        pinned block, join the witness
     */
    public record WitnessRequest(Hash blockHash, long blockNumber, List<AccountRequest> accounts, List<Hash> codeHashes,
            List<Long> blockHashNumbers) {
    }

    /**
     * In the shape of {@code debug_executionWitness}: {@code state} the distinct trie nodes (RLP) proving every
     * account and slot from the block's state root, {@code codes} the code, {@code keys} the preimages of the trie
     * paths (addresses, then 32-byte slot keys), {@code headers} the header RLPs, pinned block first, each after the
     * one whose parent hash names it; all 0x-hex. A key the cache holds no proof for is named in
     * {@code unprovable}, never left out.
     */
    public record WitnessResponse(List<String> state, List<String> codes, List<String> keys, List<String> headers,
            List<Unprovable> unprovable) {
    }

    /** A key (an address, or an address and a slot) or a header the witness cannot prove, and why. */
    public record Unprovable(String key, String reason) {
    }

    /** {@code error} is a stable code (for example {@code upstream_unavailable}); {@code message} says what failed. */
    public record ErrorResponse(String error, String message) {
    }
}
