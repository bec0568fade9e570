package io.evmsim.statecache.client;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Chain state at a pinned block, as served by the state-cache service. Every failure is a {@link StateCacheException}. */
public interface StateCacheClient {
    /**
     * Resolves a block id once to a concrete block.
     *
     * @param blockId "latest" | "safe" | "finalized" | "earliest" | 0x-number | decimal | 0x-32-byte hash
     */
    BlockHeader resolveBlock(String blockId);

    /** Reads the accounts and the given slots of each at {@code block}, in one round trip; one entry per account, in the map's iteration order. */
    List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount);

    /**
     * As {@link #read}, with the calls about to run at {@code block} as a hint of what else they will read:
     * where the read needs the upstream anyway, the accounts and slots the hint names come with the answer
     * ({@link HintedRead#hinted}), fetched and verified in the same round trip. A client that takes no hints
     * answers none.
     */
    default HintedRead read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
            List<Protocol.CallHint> hints) {
        return new HintedRead(read(block, slotsByAccount), List.of(), Map.of());
    }

    /**
     * The account at {@code block} as this client already holds it (its slots left out), without a round trip;
     * null when it does not. A client that keeps nothing holds nothing.
     */
    default AccountData held(BlockHeader block, Address address) {
        return null;
    }

    /** The slot's value at {@code block} as this client already holds it, without a round trip; null when it does not. */
    default UInt256 heldSlot(BlockHeader block, Address address, UInt256 slot) {
        return null;
    }

    /**
     * How the slot {@link #heldSlot} answers is known; PROVEN when this client keeps no provenance apart from the
     * accounts it answers (each {@link AccountData#unproven} says).
     */
    default StateProvenance heldSlotProvenance(BlockHeader block, Address address, UInt256 slot) {
        return StateProvenance.PROVEN;
    }

    /**
     * The accounts asked for (one each, in order), those a hint added, and code by code hash that came with
     * them (fetched for this read; checked against its hash), so that it needs no {@link #code} round trip.
     */
    record HintedRead(List<AccountData> accounts, List<AccountData> hinted, Map<Hash, byte[]> code) {
    }

    /** Code by code hash, in one round trip. */
    Map<Hash, byte[]> code(Set<Hash> codeHashes);

    /**
     * The hash of block {@code number}, an ancestor of {@code pinned}, for BLOCKHASH (the 256 previous blocks):
     * taken from the header chain linked to the pinned block by parent hashes, so it is that chain's block.
     */
    Hash blockHash(BlockHeader pinned, long number);

    /**
     * The witness parts of a read set at {@code block}: the trie nodes proving it, its code, keys and headers
     * ({@link Protocol.WitnessResponse}).
     */
    default Protocol.WitnessResponse witness(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
            Set<Hash> codeHashes, Set<Long> blockHashNumbers) {
        throw new StateCacheException("this state-cache client builds no witnesses", 501, null);
    }

    /** The chain's fork schedule, from which each block's rules follow. */
    ChainDescription chain();
}
