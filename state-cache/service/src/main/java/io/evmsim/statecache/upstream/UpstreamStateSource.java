package io.evmsim.statecache.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockSelector;
import io.evmsim.statecache.block.HeaderJson;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.proof.AccountProofs;
import io.evmsim.statecache.state.FetchedAccount;
import io.evmsim.statecache.state.StateSource;
import io.evmsim.statecache.upstream.JsonRpcUpstream.Call;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * State from an upstream node, in one round trip where it can be: one JSON-RPC batch holds an eth_getProof per
 * account carrying all its slots, eth_getCode for each account whose code may not be held yet (guessed from
 * the code hash it had at the last block read; the code is kept only if it hashes to the proven code hash), and
 * eth_createAccessList for each hinted call (the keys it names are a hint: their values are read and proven by
 * a later fetch). Proofs are verified against the block's state root; code the guess missed costs a second
 * round trip. A node without eth_getProof gets one batch of eth_getBalance, eth_getTransactionCount,
 * eth_getCode and eth_getStorageAt instead (unverified, storage root unknown); one without eth_createAccessList
 * gets no more hint requests. Blocks are addressed by hash (EIP-1898), so a reorg cannot slip another block's
 * state in. Identical fetches in flight are merged.
 */
public class UpstreamStateSource implements StateSource {
    private record FetchKey(Hash block, Address address, Set<UInt256> slots) {
    }

    /** Slots a hint may name at most; a longer access list is cut (it only saves fetch rounds). */
    static final int MAX_HINTED_SLOTS = 2_048;

    private final JsonRpcUpstream upstream;
    private final AccountProofs proofs;
    private final InFlight<FetchKey, FetchedAccount> inFlight = new InFlight<>();
    private final InFlight<BlockSelector, Optional<BlockHeader>> headersInFlight = new InFlight<>();
    /** The code hash each account had at the last block read: its code is likely held again at the next. */
    private final Cache<Address, Hash> lastCodeHash = Caffeine.newBuilder().maximumSize(100_000).build();
    private volatile boolean proofsSupported = true;
    /** Set once the node answered a batch of proofs: until then a batch holds proofs only, so a node that
     *  refuses eth_getProof (some answer the whole batch with one error) costs one plain retry. */
    private volatile boolean proofsServed;
    private volatile String hintsUnavailable;
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
    public Optional<byte[]> headerRlp(Hash block) {
        JsonNode answer = upstream.call("eth_getBlockByHash", block.toString(), false);
        if (answer == null || answer.isNull()) {
            return Optional.empty();
        }
        byte[] rlp = HeaderJson.encode(answer);
        if (!Keccak.hash(rlp).equals(block)) {
            throw new UpstreamException("upstream header of block " + block + " hashes to " + Keccak.hash(rlp));
        }
        return Optional.of(rlp);
    }

    @Override
    public Map<Address, FetchedAccount> fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted,
            Predicate<Hash> codeKnown) {
        return fetch(block, wanted, codeKnown, List.of()).accounts();
    }

    @Override
    public HintedFetch fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted, Predicate<Hash> codeKnown,
            List<Protocol.CallHint> hints) {
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
        Map<Address, Set<UInt256>> hinted = new LinkedHashMap<>();
        if (!mine.isEmpty()) {
            try {
                Map<FetchKey, FetchedAccount> fetched = proofsSupported
                        ? viaProofs(block, mine.keySet(), codeKnown, hintsUnavailable == null ? hints : List.of(), hinted)
                        : viaPlainCalls(block, mine.keySet());
                mine.forEach((key, future) -> future.complete(fetched.get(key)));
            } catch (RuntimeException e) {
                mine.values().forEach(future -> future.completeExceptionally(e));
                throw e;
            }
        }
        Map<Address, FetchedAccount> result = new LinkedHashMap<>();
        all.forEach((key, future) -> result.put(key.address(), InFlight.join(future)));
        return new HintedFetch(result, hinted);
    }

    @Override
    public String describe() {
        return "upstream " + upstream.redactedUrls() + (proofsSupported
                ? (proofs.verifies() ? ", eth_getProof verified against state roots" : ", eth_getProof unverified (disabled)")
                : ", no eth_getProof: plain reads, unverified")
                + (hintsUnavailable == null ? "" : ", no read-set hints: " + hintsUnavailable);
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

    private Map<FetchKey, FetchedAccount> viaProofs(BlockHeader block, Set<FetchKey> keys, Predicate<Hash> codeKnown,
            List<Protocol.CallHint> hints, Map<Address, Set<UInt256>> hinted) {
        Object at = new BlockSelector.ByHash(block.hash()).rpcParameter();
        List<Call> calls = new ArrayList<>();
        for (FetchKey key : keys) {
            calls.add(new Call("eth_getProof", key.address().toString(),
                    key.slots().stream().map(slot -> Hex.encode(slot.toBytes32())).toList(), at));
        }
        Map<Address, Integer> guessedCode = new LinkedHashMap<>();
        for (FetchKey key : proofsServed ? keys : Set.<FetchKey>of()) {
            Hash last = lastCodeHash.getIfPresent(key.address());
            if ((last == null || !last.equals(Hash.EMPTY_CODE) && !codeKnown.test(last))
                    && guessedCode.putIfAbsent(key.address(), calls.size()) == null) {
                calls.add(new Call("eth_getCode", key.address().toString(), at));
            }
        }
        int firstHint = calls.size();
        if (proofsServed) {
            hints.forEach(hint -> calls.add(new Call("eth_createAccessList", accessListCall(hint), at)));
        }
        List<RpcResult> answers = upstream.batch(calls);
        if (answers.subList(0, keys.size()).stream().anyMatch(RpcResult::methodUnsupported)) {
            proofsSupported = false;
            return viaPlainCalls(block, keys);
        }
        Map<FetchKey, AccountData> accounts = new LinkedHashMap<>();
        Map<FetchKey, List<byte[]>> provenNodes = new HashMap<>();
        int i = 0;
        for (FetchKey key : keys) {
            JsonNode answer = answers.get(i++).orThrow();
            AccountData account = proofs.read(block.stateRoot(), key.address(), key.slots(), answer);
            accounts.put(key, account);
            provenNodes.put(key, proofs.verifies() ? AccountProofs.nodes(answer) : List.of());
            lastCodeHash.put(key.address(), account.codeHash());
        }
        proofsServed = true;
        Map<Hash, byte[]> code = new HashMap<>();
        for (AccountData account : accounts.values()) {
            Integer answer = guessedCode.get(account.address());
            if (answer != null && !answers.get(answer).failed() && !account.codeHash().equals(Hash.EMPTY_CODE)
                    && !code.containsKey(account.codeHash())) {
                code.put(account.codeHash(), checkedCode(account.address(), account.codeHash(),
                        answers.get(answer).result()));
            }
        }
        code.putAll(missingCode(at, accounts.values(), hash -> code.containsKey(hash) || codeKnown.test(hash)));
        readHints(answers.subList(firstHint, answers.size()), hinted);
        Map<FetchKey, FetchedAccount> fetched = new HashMap<>();
        accounts.forEach((key, account) -> fetched.put(key,
                new FetchedAccount(account, code.get(account.codeHash()), proofs.verifies(), provenNodes.get(key))));
        return fetched;
    }

    /** The call for eth_createAccessList: gas left to the node (its block gas limit), fees zero. */
    private static Map<String, Object> accessListCall(Protocol.CallHint hint) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("from", hint.from().toString());
        if (hint.to() != null) {
            call.put("to", hint.to().toString());
        }
        call.put("data", hint.data() == null ? "0x" : hint.data());
        if (hint.value() != null) {
            call.put("value", hint.value().toQuantity());
        }
        return call;
    }

    /**
     * The keys the access lists name, at most {@link #MAX_HINTED_SLOTS} slots. An access list is a hint, so one
     * that failed (the call reverted, the node refused it) is passed over; a node that lacks the method is
     * asked no more.
     */
    private void readHints(List<RpcResult> answers, Map<Address, Set<UInt256>> hinted) {
        int slots = 0;
        for (RpcResult answer : answers) {
            if (answer.methodUnsupported()) {
                hintsUnavailable = "eth_createAccessList: " + answer.errorMessage();
                return;
            }
            if (answer.failed() || answer.result() == null) {
                continue;
            }
            for (JsonNode entry : answer.result().path("accessList")) {
                Set<UInt256> keys = hinted.computeIfAbsent(Address.fromHex(entry.path("address").asString()),
                        address -> new LinkedHashSet<>());
                for (JsonNode key : entry.path("storageKeys")) {
                    if (slots++ < MAX_HINTED_SLOTS) {
                        keys.add(UInt256.parse(key.asString()));
                    }
                }
            }
        }
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
            code.put(holder.getKey(), checkedCode(holder.getValue(), holder.getKey(), answers.get(i++).orThrow()));
        }
        return code;
    }

    private static byte[] checkedCode(Address address, Hash codeHash, JsonNode answer) {
        byte[] bytes = Hex.decode(answer.asString());
        if (!Keccak.hash(bytes).equals(codeHash)) {
            throw new UpstreamException("upstream eth_getCode for " + address
                    + " answered code that does not hash to the proven code hash " + codeHash);
        }
        return bytes;
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
