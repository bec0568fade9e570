package io.evmsim.worker.witness;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockHashes;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.WorldState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a simulation read of the chain's state at its block, for its witness: every account, slot and code read
 * through the wrapped state (overridden state never reaches it, so it is not asked to be proven), and every block
 * number BLOCKHASH asked for. Reads of earlier, discarded runs are kept too: a witness may prove more than the
 * last run read, never less.
 */
public final class ReadSet implements WorldState {
    private final WorldState chain;
    private final Map<Address, Set<UInt256>> slots = new LinkedHashMap<>();
    private final Set<Hash> codeHashes = new LinkedHashSet<>();
    private final Set<Long> blockNumbers = new LinkedHashSet<>();

    public ReadSet(WorldState chain) {
        this.chain = chain;
    }

    /** The account, and its code: the engine takes code from its shared cache when it can, not from this state. */
    @Override
    public AccountState account(Address address) {
        slots.computeIfAbsent(address, a -> new LinkedHashSet<>());
        AccountState account = chain.account(address);
        if (account != null && !account.codeHash().equals(Hash.EMPTY_CODE)) {
            codeHashes.add(account.codeHash());
        }
        return account;
    }

    @Override
    public UInt256 storage(Address address, UInt256 slot) {
        slots.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(slot);
        return chain.storage(address, slot);
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        codeHashes.add(codeHash);
        return chain.code(address, codeHash);
    }

    /** {@code blockHashes} with every number it is asked for recorded. */
    public BlockHashes recording(BlockHashes blockHashes) {
        return number -> {
            blockNumbers.add(number);
            return blockHashes.hashOf(number);
        };
    }

    public Map<Address, Set<UInt256>> slots() {
        return Collections.unmodifiableMap(slots);
    }

    public Set<Hash> codeHashes() {
        return Collections.unmodifiableSet(codeHashes);
    }

    public Set<Long> blockNumbers() {
        return Collections.unmodifiableSet(blockNumbers);
    }
}
