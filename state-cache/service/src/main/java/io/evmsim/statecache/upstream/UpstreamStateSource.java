package io.evmsim.statecache.upstream;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockSelector;
import io.evmsim.statecache.block.HeaderJson;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.proof.AccountProofs;
import io.evmsim.statecache.state.FetchedAccount;
import io.evmsim.statecache.state.StateSource;
import io.evmsim.statecache.upstream.JsonRpcUpstream.Call;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * State from an upstream node. Round trip one: one eth_getProof per account carrying all its slots, in one
 * JSON-RPC batch, proofs verified. Round trip two, only for code not yet held: eth_getCode, checked against
 * the proven code hash. A node without eth_getProof gets one batch of eth_getBalance, eth_getTransactionCount,
 * eth_getCode and eth_getStorageAt instead (unverified, storage root unknown). Blocks are addressed by hash
 * (EIP-1898), so a reorg cannot slip another block's state in. Identical fetches in flight are merged.
 */
public class UpstreamStateSource implements StateSource {
    private record FetchKey(Hash block, Address address, Set<UInt256> slots) {
    }

    private final JsonRpcUpstream upstream;
    private final AccountProofs proofs;
    private final InFlight<FetchKey, FetchedAccount> inFlight = new InFlight<>();
    private final InFlight<BlockSelector, Optional<BlockHeader>> headersInFlight = new InFlight<>();
    private volatile boolean proofsSupported = true;
    private volatile long chainId = -1;

    public UpstreamStateSource(JsonRpcUpstream upstream, AccountProofs proofs) {
        this.upstream = upstream;
        this.proofs = proofs;
    }

    @Override
    public Optional<BlockHeader> header(BlockSelector block) {
        return headersInFlight.load(block, () -> {
            String method = block instanceof BlockSelector.ByHash ? "eth_getBlockByHash" : "eth_getBlockByNumber";
            Object id = block instanceof BlockSelector.ByHash byHash ? byHash.hash().toString() : block.rpcParameter();
            JsonNode answer = upstream.call(method, id, false);
            return answer == null || answer.isNull() ? Optional.empty() : Optional.of(HeaderJson.parse(answer, chainId()));
        });
    }

    @Override
    public Map<Address, FetchedAccount> fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted,
            Predicate<Hash> codeKnown) {
        Map<FetchKey, CompletableFuture<FetchedAccount>> all = new LinkedHashMap<>();
        Map<FetchKey, CompletableFuture<FetchedAccount>> mine = new LinkedHashMap<>();
        wanted.forEach((address, slots) -> {
            FetchKey key = new FetchKey(block.hash(), address, Set.copyOf(slots));
            InFlight.Claim<FetchedAccount> claim = inFlight.claim(key);
            all.put(key, claim.future());
            if (claim.owner()) {
                mine.put(key, claim.future());
            }
        });
        if (!mine.isEmpty()) {
            try {
                Map<FetchKey, FetchedAccount> fetched = proofsSupported ? viaProofs(block, mine.keySet(), codeKnown)
                        : viaPlainCalls(block, mine.keySet());
                mine.forEach((key, future) -> future.complete(fetched.get(key)));
            } catch (RuntimeException e) {
                mine.values().forEach(future -> future.completeExceptionally(e));
                throw e;
            }
        }
        Map<Address, FetchedAccount> result = new LinkedHashMap<>();
        all.forEach((key, future) -> result.put(key.address(), InFlight.join(future)));
        return result;
    }

    @Override
    public String describe() {
        return "upstream " + upstream.redactedUrls() + (proofsSupported
                ? (proofs.verifies() ? ", eth_getProof verified against state roots" : ", eth_getProof unverified (disabled)")
                : ", no eth_getProof: plain reads, unverified");
    }

    public boolean proofsSupported() {
        return proofsSupported;
    }

    public long chainId() {
        if (chainId < 0) {
            chainId = Long.decode(upstream.call("eth_chainId").asString());
        }
        return chainId;
    }

    private Map<FetchKey, FetchedAccount> viaProofs(BlockHeader block, Set<FetchKey> keys, Predicate<Hash> codeKnown) {
        Object at = new BlockSelector.ByHash(block.hash()).rpcParameter();
        List<Call> calls = new ArrayList<>();
        for (FetchKey key : keys) {
            calls.add(new Call("eth_getProof", key.address().toString(),
                    key.slots().stream().map(slot -> Hex.encode(slot.toBytes32())).toList(), at));
        }
        List<RpcResult> answers = upstream.batch(calls);
        if (answers.stream().anyMatch(RpcResult::methodUnsupported)) {
            proofsSupported = false;
            return viaPlainCalls(block, keys);
        }
        Map<FetchKey, AccountData> accounts = new LinkedHashMap<>();
        int i = 0;
        for (FetchKey key : keys) {
            accounts.put(key, proofs.read(block.stateRoot(), key.address(), key.slots(), answers.get(i++).orThrow()));
        }
        Map<Hash, byte[]> code = missingCode(at, accounts.values(), codeKnown);
        Map<FetchKey, FetchedAccount> fetched = new HashMap<>();
        accounts.forEach((key, account) -> fetched.put(key,
                new FetchedAccount(account, code.get(account.codeHash()), proofs.verifies())));
        return fetched;
    }

    /** eth_getCode for every distinct code hash not yet held, each checked against the proven hash. */
    private Map<Hash, byte[]> missingCode(Object at, Iterable<AccountData> accounts, Predicate<Hash> codeKnown) {
        Map<Hash, Address> holders = new LinkedHashMap<>();
        for (AccountData account : accounts) {
            if (!account.codeHash().equals(Hash.EMPTY_CODE) && !codeKnown.test(account.codeHash())) {
                holders.putIfAbsent(account.codeHash(), account.address());
            }
        }
        if (holders.isEmpty()) {
            return Map.of();
        }
        List<RpcResult> answers = upstream.batch(holders.values().stream()
                .map(address -> new Call("eth_getCode", address.toString(), at)).toList());
        Map<Hash, byte[]> code = new HashMap<>();
        int i = 0;
        for (Map.Entry<Hash, Address> holder : holders.entrySet()) {
            byte[] bytes = Hex.decode(answers.get(i++).orThrow().asString());
            if (!Keccak.hash(bytes).equals(holder.getKey())) {
                throw new UpstreamException("upstream eth_getCode for " + holder.getValue()
                        + " answered code that does not hash to the proven code hash " + holder.getKey());
            }
            code.put(holder.getKey(), bytes);
        }
        return code;
    }

    private Map<FetchKey, FetchedAccount> viaPlainCalls(BlockHeader block, Set<FetchKey> keys) {
        Object at = new BlockSelector.ByHash(block.hash()).rpcParameter();
        List<Call> calls = new ArrayList<>();
        for (FetchKey key : keys) {
            String address = key.address().toString();
            calls.add(new Call("eth_getBalance", address, at));
            calls.add(new Call("eth_getTransactionCount", address, at));
            calls.add(new Call("eth_getCode", address, at));
            key.slots().forEach(slot -> calls.add(new Call("eth_getStorageAt", address, slot.toQuantity(), at)));
        }
        List<RpcResult> answers = upstream.batch(calls);
        Map<FetchKey, FetchedAccount> fetched = new HashMap<>();
        int i = 0;
        for (FetchKey key : keys) {
            UInt256 balance = UInt256.parse(answers.get(i++).orThrow().asString());
            long nonce = Long.decode(answers.get(i++).orThrow().asString());
            byte[] code = Hex.decode(answers.get(i++).orThrow().asString());
            Map<UInt256, UInt256> slots = new HashMap<>();
            for (UInt256 slot : key.slots()) {
                slots.put(slot, UInt256.parse(answers.get(i++).orThrow().asString()));
            }
            // EIP-161: an account exists unless it has no nonce, no balance and no code.
            boolean exists = nonce != 0 || !balance.isZero() || code.length > 0;
            Hash codeHash = code.length == 0 ? Hash.EMPTY_CODE : Keccak.hash(code);
            fetched.put(key, new FetchedAccount(new AccountData(key.address(), exists, nonce, balance, codeHash,
                    null, slots), code.length == 0 ? null : code, false));
        }
        return fetched;
    }
}
