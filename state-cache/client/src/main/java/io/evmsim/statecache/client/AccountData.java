package io.evmsim.statecache.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.HashMap;
import java.util.Map;

/**
 * An account at a pinned block with the storage slots that were asked for. A slot that is absent from the
 * trie is present here with value zero: it was proven empty, not skipped. {@code storageRoot} is null only
 * when the upstream node serves no proofs (eth_getProof missing), since it cannot then be known.
 *
 * @param unproven what of this answer is not proven against the block's state root, and why; null (and absent
 *                 from the JSON) when all of it is, so the common answer costs nothing more on the wire
 */
public record AccountData(Address address, boolean exists, long nonce, UInt256 balance, Hash codeHash,
        Hash storageRoot, Map<UInt256, UInt256> slots, @JsonInclude(JsonInclude.Include.NON_NULL) Unproven unproven) {
    public AccountData {
        slots = Map.copyOf(slots);
    }

    /** An account proven with all its slots. */
    public AccountData(Address address, boolean exists, long nonce, UInt256 balance, Hash codeHash, Hash storageRoot,
            Map<UInt256, UInt256> slots) {
        this(address, exists, nonce, balance, codeHash, storageRoot, slots, null);
    }

    /**
     * The parts of an account not proven.
     *
     * @param account how the account's own fields (nonce, balance, code hash) are known; null when proven
     * @param slots   how each slot not proven is known (proven slots are not named)
     */
    public record Unproven(StateProvenance account, Map<UInt256, StateProvenance> slots) {
        public Unproven {
            slots = slots == null ? Map.of() : Map.copyOf(slots);
        }

        /** Null when {@code account} is proven and no slot is named: nothing to say. */
        public static Unproven of(StateProvenance account, Map<UInt256, StateProvenance> slots) {
            StateProvenance fields = account == StateProvenance.PROVEN ? null : account;
            return fields == null && slots.isEmpty() ? null : new Unproven(fields, slots);
        }

        /** Both, each part the less certain of the two: what is known of an account read twice at one block. */
        public static Unproven merge(Unproven a, Unproven b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            Map<UInt256, StateProvenance> slots = new HashMap<>(a.slots);
            b.slots.forEach((slot, provenance) -> slots.merge(slot, provenance, StateProvenance::weakest));
            return new Unproven(a.account == null ? b.account : a.account.weakest(b.account), slots);
        }

        /** How {@code slot} is known, PROVEN when this does not name it. */
        public StateProvenance slot(UInt256 slot) {
            return slots.getOrDefault(slot, StateProvenance.PROVEN);
        }
    }
}
