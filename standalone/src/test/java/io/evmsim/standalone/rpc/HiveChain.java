package io.evmsim.standalone.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.trie.StorageRoot;
import io.evmsim.common.tx.Authorization;
import io.evmsim.common.tx.Transaction;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.chain.GenesisConfig;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain hive's rpc-compat fixtures were made on ({@code genesis.json} and {@code chain.rlp} beside
 * them), as far as this project can take it without executing the chain: the fork schedule, chain id
 * and allocation of the genesis, and every block's header exactly as sealed (so numbers, timestamps,
 * base fees, gas limits and hashes, BLOCKHASH included, are the hive chain's own). The engine runs
 * Cancun and later only, while the chain's first 41 blocks are Frontier to Shanghai, so their
 * transactions cannot be executed under their own rules: the state served is the genesis allocation,
 * and {@link #changedByBlocks} names every account whose state the blocks changed (senders,
 * recipients, created contracts, fee recipients, withdrawal recipients, EIP-7702 authorities, the
 * EIP-4788 and EIP-2935 system contracts), the
 * accounts a fixture must not touch to be comparable.
 */
final class HiveChain {
    private static final Address BEACON_ROOTS = Address.fromHex("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");
    private static final Address HISTORY_STORAGE = Address.fromHex("0x0000f90827f1c53a10cb7a02335b175320002935");
    private final ChainSchedule schedule;
    private final Map<Address, AccountData> alloc = new HashMap<>();
    private final Map<Hash, byte[]> codes = new HashMap<>();
    private final List<BlockHeader> headers = new ArrayList<>();
    private final Set<Address> changedByBlocks = new TreeSet<>();

    private HiveChain(ChainSchedule schedule) {
        this.schedule = schedule;
    }

    static HiveChain read(Path folder) throws IOException {
        JsonNode genesis = JsonMapper.builder().build().readTree(Files.readString(folder.resolve("genesis.json")));
        HiveChain chain = new HiveChain(GenesisConfig.parse(genesis.get("config"), "execution-apis-tests genesis"));
        genesis.get("alloc").properties().forEach(entry -> chain.allocate(entry.getKey(), entry.getValue()));
        chain.readBlocks(Files.readAllBytes(folder.resolve("chain.rlp")), genesis);
        return chain;
    }

    private void allocate(String address, JsonNode account) {
        byte[] code = Hex.decode(account.path("code").asString("0x"));
        Hash codeHash = Keccak.hash(code);
        codes.put(codeHash, code);
        Map<UInt256, UInt256> storage = new HashMap<>();
        account.path("storage").properties().forEach(slot -> storage.put(UInt256.parse(slot.getKey()),
                UInt256.parse(slot.getValue().asString())));
        Address key = Address.fromHex(address.startsWith("0x") ? address : "0x" + address);
        alloc.put(key, new AccountData(key, true, Long.decode(account.path("nonce").asString("0x0")),
                UInt256.parse(account.path("balance").asString("0x0")), codeHash,
                storage.isEmpty() ? Hash.EMPTY_TRIE : StorageRoot.compute(storage), Map.copyOf(storage)));
    }

    /** The concatenated blocks of {@code chain.rlp}: header fields in the yellow paper's order. */
    private void readBlocks(byte[] rlp, JsonNode genesis) {
        int offset = 0;
        while (offset < rlp.length) {
            int length = itemLength(rlp, offset);
            RlpItem block = RlpDecoder.decode(rlp, offset, length);
            RlpItem header = block.get(0);
            if (headers.isEmpty()) {
                headers.add(genesisHeader(genesis, header.get(0).asHash()));
            }
            headers.add(header(header));
            changedByBlocks.add(header.get(2).asAddress());
            if (header.size() > 19) {
                changedByBlocks.add(BEACON_ROOTS); // EIP-4788's system call stores each parent beacon root
            }
            if (header.size() > 20) {
                changedByBlocks.add(HISTORY_STORAGE); // EIP-2935's system call stores each parent hash
            }
            for (RlpItem encoded : block.get(1).items()) {
                noteChanges(Transaction.decode(encoded.isList() ? encoded.encoded() : encoded.bytes()));
            }
            if (block.size() > 3) {
                for (RlpItem withdrawal : block.get(3).items()) {
                    changedByBlocks.add(withdrawal.get(2).asAddress());
                }
            }
            offset += length;
        }
    }

    private void noteChanges(Transaction transaction) {
        Address sender = transaction.sender();
        changedByBlocks.add(sender);
        if (transaction.to() != null) {
            changedByBlocks.add(transaction.to());
        } else {
            byte[] created = Keccak.keccak256(Rlp.encodeList(Rlp.encodeAddress(sender),
                    Rlp.encodeUnsignedLong(transaction.nonce())));
            changedByBlocks.add(Address.wrap(Arrays.copyOfRange(created, 12, 32)));
        }
        if (transaction.authorizationList() != null) {
            for (Authorization authorization : transaction.authorizationList()) {
                changedByBlocks.add(authorization.authority());
            }
        }
    }

    private BlockHeader header(RlpItem header) {
        UInt256 baseFee = header.size() > 15 ? header.get(15).asUInt256() : UInt256.ZERO;
        long blobGasUsed = header.size() > 17 ? header.get(17).asUnsignedLong() : 0;
        long excessBlobGas = header.size() > 18 ? header.get(18).asUnsignedLong() : 0;
        return new BlockHeader(header.get(8).asUnsignedLong(), Keccak.hash(header.encoded()), header.get(0).asHash(),
                header.get(3).asHash(), header.get(11).asUnsignedLong(), baseFee, header.get(9).asUnsignedLong(),
                header.get(2).asAddress(), header.get(13).asHash(), excessBlobGas, schedule.chainId(),
                header.get(10).asUnsignedLong(), blobGasUsed);
    }

    private BlockHeader genesisHeader(JsonNode genesis, Hash hash) {
        return new BlockHeader(0, hash, Hash.ZERO, Hash.ZERO, Long.decode(genesis.get("timestamp").asString()),
                UInt256.ZERO, Long.decode(genesis.get("gasLimit").asString()),
                Address.fromHex(genesis.get("coinbase").asString()), Hash.fromHex(genesis.get("mixHash").asString()),
                0, schedule.chainId(), 0L, 0L);
    }

    /** The length of the RLP item at {@code offset}, prefix included. */
    private static int itemLength(byte[] rlp, int offset) {
        int prefix = rlp[offset] & 0xff;
        if (prefix < 0x80) {
            return 1;
        }
        int shortBase = prefix < 0xc0 ? 0x80 : 0xc0;
        int longBase = shortBase + 55;
        if (prefix <= longBase) {
            return 1 + prefix - shortBase;
        }
        int lengthBytes = prefix - longBase;
        int payload = 0;
        for (int i = 1; i <= lengthBytes; i++) {
            payload = (payload << 8) | (rlp[offset + i] & 0xff);
        }
        return 1 + lengthBytes + payload;
    }

    ChainSchedule schedule() {
        return schedule;
    }

    /** Genesis first, the head last. */
    List<BlockHeader> headers() {
        return headers;
    }

    BlockHeader head() {
        return headers.getLast();
    }

    AccountData allocated(Address address) {
        return alloc.get(address);
    }

    byte[] code(Hash codeHash) {
        return codes.get(codeHash);
    }

    Set<Address> changedByBlocks() {
        return changedByBlocks;
    }
}
