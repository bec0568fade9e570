package io.evmsim.statecache.devnet;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.trie.AccountEntry;
import io.evmsim.common.trie.StateRoot;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockSelector;
import io.evmsim.statecache.block.HeaderJson;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.state.FetchedAccount;
import io.evmsim.statecache.state.StateSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local devnet: one genesis block whose state comes from a genesis file (prefunded development accounts,
 * chain id 31337), with no upstream at all. Every tag resolves to the genesis block.
 */
public class GenesisStateSource implements StateSource {
    private static final String EMPTY_OMMERS = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
    /** EIP-7685: the requests hash of a block without requests is sha256 of nothing. */
    private static final String EMPTY_REQUESTS = "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final Map<Address, AccountEntry> accounts = new LinkedHashMap<>();
    private final Map<Hash, byte[]> code = new HashMap<>();
    private final BlockHeader genesis;
    private final byte[] genesisRlp;

    public GenesisStateSource(InputStream genesisJson) {
        JsonNode root;
        try (genesisJson) {
            root = JsonMapper.builder().build().readTree(genesisJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the devnet genesis", e);
        }
        for (var entry : root.path("alloc").properties()) {
            Address address = Address.fromHex(entry.getKey());
            JsonNode alloc = entry.getValue();
            byte[] bytes = Hex.decode(alloc.path("code").asString("0x"));
            Map<UInt256, UInt256> storage = new HashMap<>();
            alloc.path("storage").properties().forEach(slot ->
                    storage.put(UInt256.parse(slot.getKey()), UInt256.parse(slot.getValue().asString())));
            AccountEntry account = AccountEntry.withCode(address, Long.decode(alloc.path("nonce").asString("0x0")),
                    UInt256.parse(alloc.path("balance").asString("0x0")), bytes, storage);
            accounts.put(address, account);
            if (bytes.length > 0) {
                code.put(account.codeHash(), bytes);
            }
        }
        ObjectNode header = headerJson(root, StateRoot.compute(accounts.values()));
        this.genesis = HeaderJson.parse(header, root.path("chainId").asLong());
        this.genesisRlp = HeaderJson.encode(header);
    }

    public static GenesisStateSource fromClasspath(String resource) {
        InputStream stream = GenesisStateSource.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("devnet genesis " + resource + " is not on the classpath");
        }
        return new GenesisStateSource(stream);
    }

    public BlockHeader genesis() {
        return genesis;
    }

    @Override
    public Optional<BlockHeader> header(BlockSelector block) {
        boolean isGenesis = switch (block) {
            case BlockSelector.Tag tag -> true;
            case BlockSelector.Number number -> number.number() == 0;
            case BlockSelector.ByHash byHash -> byHash.hash().equals(genesis.hash());
        };
        return isGenesis ? Optional.of(genesis) : Optional.empty();
    }

    @Override
    public Map<Address, FetchedAccount> fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted,
            Predicate<Hash> codeKnown) {
        if (!block.hash().equals(genesis.hash())) {
            throw new IllegalArgumentException("the devnet has only the genesis block " + genesis.hash()
                    + ", not " + block.hash());
        }
        Map<Address, FetchedAccount> fetched = new LinkedHashMap<>();
        wanted.forEach((address, slots) -> {
            AccountEntry account = accounts.get(address);
            Map<UInt256, UInt256> values = new HashMap<>();
            slots.forEach(slot -> values.put(slot, account == null ? UInt256.ZERO
                    : account.storage().getOrDefault(slot, UInt256.ZERO)));
            AccountData data = account == null
                    ? new AccountData(address, false, 0, UInt256.ZERO, Hash.EMPTY_CODE, Hash.EMPTY_TRIE, values)
                    : new AccountData(address, true, account.nonce(), account.balance(), account.codeHash(),
                            account.storageRoot(), values);
            byte[] bytes = codeKnown.test(data.codeHash()) ? null : code.get(data.codeHash());
            fetched.put(address, new FetchedAccount(data, bytes, StateProvenance.DEVNET));
        });
        return fetched;
    }

    @Override
    public StateProvenance serves() {
        return StateProvenance.DEVNET;
    }

    @Override
    public Optional<byte[]> headerRlp(Hash block) {
        return block.equals(genesis.hash()) ? Optional.of(genesisRlp.clone()) : Optional.empty();
    }

    @Override
    public String describe() {
        return "devnet genesis (chain id " + genesis.chainId() + ", " + accounts.size() + " accounts), no upstream";
    }

    /** The genesis header, hashed as a Prague block (EIP-1559, 4895, 4844, 4788 and 7685 fields). */
    private static ObjectNode headerJson(JsonNode genesis, Hash stateRoot) {
        String zeroHash = Hash.ZERO.toString();
        ObjectNode block = JsonMapper.builder().build().createObjectNode()
                .put("parentHash", zeroHash).put("sha3Uncles", EMPTY_OMMERS)
                .put("miner", genesis.path("coinbase").asString()).put("stateRoot", stateRoot.toString())
                .put("transactionsRoot", Hash.EMPTY_TRIE.toString()).put("receiptsRoot", Hash.EMPTY_TRIE.toString())
                .put("logsBloom", Hex.encode(new byte[256])).put("difficulty", "0x0").put("number", "0x0")
                .put("gasLimit", genesis.path("gasLimit").asString()).put("gasUsed", "0x0")
                .put("timestamp", genesis.path("timestamp").asString()).put("extraData", "0x")
                .put("mixHash", genesis.path("prevRandao").asString()).put("nonce", "0x0000000000000000")
                .put("baseFeePerGas", genesis.path("baseFeePerGas").asString())
                .put("withdrawalsRoot", Hash.EMPTY_TRIE.toString()).put("blobGasUsed", "0x0")
                .put("excessBlobGas", "0x0").put("parentBeaconBlockRoot", zeroHash).put("requestsHash", EMPTY_REQUESTS);
        block.put("hash", HeaderJson.hashOf(block).toString());
        return block;
    }
}
