package io.evmsim.worker;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State in which every account exists, empty, except {@link #LOOPER}, whose code asks for a block
 * hash in a loop until its gas runs out (37 gas a turn).
 */
public class LoopingState implements StateCacheClient {
    public static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ONE, 30_000_000L, Address.ZERO, Hash.ZERO, 0, 1);
    /** JUMPDEST PUSH1 0 BLOCKHASH POP PUSH1 0 JUMP. */
    private static final byte[] LOOP = Hex.decode("0x5b60004050600056");
    public static final Address LOOPER = Address.fromLong(0xf00d);

    private final Runnable onBlockHash;

    public LoopingState() {
        this(() -> { });
    }

    /** @param onBlockHash called when the running loop asks for a block hash (at least once) */
    public LoopingState(Runnable onBlockHash) {
        this.onBlockHash = onBlockHash;
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        return BLOCK;
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        List<AccountData> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, keys) -> {
            Map<UInt256, UInt256> slots = new HashMap<>();
            keys.forEach(key -> slots.put(key, UInt256.ZERO));
            accounts.add(new AccountData(address, true, 0, UInt256.ZERO,
                    address.equals(LOOPER) ? Keccak.hash(LOOP) : Hash.EMPTY_CODE, Hash.EMPTY_TRIE, slots));
        });
        return accounts;
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> codes = new HashMap<>();
        codeHashes.forEach(hash -> codes.put(hash, hash.equals(Keccak.hash(LOOP)) ? LOOP : new byte[0]));
        return codes;
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        onBlockHash.run();
        return Hash.ZERO;
    }

    @Override
    public ChainDescription chain() {
        throw new UnsupportedOperationException("its tests give their chain schedule themselves");
    }
}
