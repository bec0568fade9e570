package io.evmsim.statecache.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockSelector;
import io.evmsim.statecache.block.HeaderJson;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.proof.AccountProofs;
import io.evmsim.statecache.proof.ProofVerificationException;
import io.evmsim.statecache.state.FetchedAccount;
import io.evmsim.statecache.state.StateSource;
import io.evmsim.statecache.upstream.JsonRpcUpstream.Call;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * State from an upstream node, in one round trip where it can be: one JSON-RPC batch holds an eth_getProof per
 * account carrying all its slots, eth_getCode for each account whose code may not be held yet (guessed from
 * the code hash it had at the last block read; the code is kept only if it hashes to the proven code hash), and
 * eth_createAccessList for each hinted call. A second batch, when one is needed, holds the code the guess
 * missed and the proofs of the keys the access lists name that no cache holds, with their guessed code (the
 * keys are a hint: their values are proven as any others). So a hinted read costs two round trips; a third only
 * for a hinted account whose code changed since it was last read. Proofs are verified against the block's
 * state root. A node without eth_getProof (it answers -32601, method not found) is refused with an
 * {@link UpstreamException} unless unproven reads are allowed; then it gets one batch of eth_getBalance,
 * eth_getTransactionCount, eth_getCode and eth_getStorageAt instead (PLAIN, storage root unknown), counted in
 * {@code evmsim.statecache.unproven.reads} (as are proofs read with their checks disabled); one without
 * eth_createAccessList
 * gets no more hint requests. Blocks are addressed by hash (EIP-1898), so a reorg cannot slip another block's
 * state in. Identical fetches in flight are merged.
 */
public class UpstreamStateSource implements StateSource {
    private record FetchKey(Hash block, Address address, Set<UInt256> slots) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamStateSource.class);
    /** Slots a hint may name at most; a longer access list is cut (it only saves fetch rounds). */
    static final int MAX_HINTED_SLOTS = 2_048;

    private final JsonRpcUpstream upstream;
    private final AccountProofs proofs;
    private final boolean allowUnprovenReads;
    private final Counter unprovenReads;
    private final InFlight<FetchKey, FetchedAccount> inFlight = new InFlight<>();
    private final InFlight<BlockSelector, Optional<BlockHeader>> headersInFlight = new InFlight<>();
    /** The code hash each account had at the last block read: its code is likely held again at the next. */
    private final Cache<Address, Hash> lastCodeHash = Caffeine.newBuilder().maximumSize(100_000).build();
    private volatile boolean proofsSupported = true;
    /** The node's refusal of eth_getProof while unproven reads are not allowed: every read fails, and health says why. */
    private volatile String proofsRefused;
    /** Set once the node answered a batch of proofs: until then a batch holds proofs only, so a node that
     *  refuses eth_getProof (some answer the whole batch with one error) costs one plain retry. */
    private volatile boolean proofsServed;
    private volatile String hintsUnavailable;
    private volatile long chainId = -1;

    /**
     * @param allowUnprovenReads whether a node without eth_getProof is read with plain calls (PLAIN provenance)
     *                           rather than refused
     */
    public UpstreamStateSource(JsonRpcUpstream upstream, AccountProofs proofs, boolean allowUnprovenReads,
            MeterRegistry meters) {
        this.upstream = upstream;
        this.proofs = proofs;
        this.allowUnprovenReads = allowUnprovenReads;
        this.unprovenReads = meters.counter("evmsim.statecache.unproven.reads");
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
        return fetch(block, wanted, codeKnown, List.of(), named -> Map.of()).accounts();
    }

    @Override
    public HintedFetch fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted, Predicate<Hash> codeKnown,
            List<Protocol.CallHint> hints, UnaryOperator<Map<Address, Set<UInt256>>> unheld) {
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
        Map<Address, FetchedAccount> hinted = new LinkedHashMap<>();
        if (!mine.isEmpty()) {
            try {
                Map<FetchKey, FetchedAccount> fetched = proofsSupported
                        ? viaProofs(block, mine.keySet(), codeKnown, hintsUnavailable == null ? hints : List.of(),
                                unheld, hinted)
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
                : ", no eth_getProof: plain reads, unverified (PLAIN), allowed by statecache.upstream.allow-unproven-reads")
                + (proofsRefused == null ? "" : ", eth_getProof refused (" + proofsRefused + "): reads fail, "
                        + "statecache.upstream.allow-unproven-reads is false")
                + (hintsUnavailable == null ? "" : ", no read-set hints: " + hintsUnavailable);
    }

    public boolean proofsSupported() {
        return proofsSupported;
    }

    @Override
    public StateProvenance serves() {
        return proofsSupported && proofs.verifies() ? StateProvenance.PROVEN : StateProvenance.PLAIN;
    }

    public long chainId() {
        if (chainId < 0) {
            chainId = Long.decode(upstream.call("eth_chainId").asString());
        }
        return chainId;
    }

    /**
     * The first request: a proof per account, the code guessed missing, an access list per hint. The second,
     * when there is anything for it: the code the guess missed, and the proofs of the hinted keys {@code unheld}
     * asks for, with their guessed code.
     */
    private Map<FetchKey, FetchedAccount> viaProofs(BlockHeader block, Set<FetchKey> keys, Predicate<Hash> codeKnown,
            List<Protocol.CallHint> hints, UnaryOperator<Map<Address, Set<UInt256>>> unheld,
            Map<Address, FetchedAccount> hinted) {
        Object at = new BlockSelector.ByHash(block.hash()).rpcParameter();
        List<Call> calls = new ArrayList<>();
        for (FetchKey key : keys) {
            calls.add(proofCall(key.address(), key.slots(), at));
        }
        // until the node has served proofs once, a batch holds proofs only
        Map<Address, Integer> guessedCode = proofsServed
                ? guessCode(keys.stream().map(FetchKey::address).toList(), codeKnown, at, calls) : Map.of();
        int firstHint = calls.size();
        if (proofsServed) {
            hints.forEach(hint -> calls.add(new Call("eth_createAccessList", accessListCall(hint), at)));
        }
        List<RpcResult> answers = upstream.batch(calls);
        RpcResult refused = answers.subList(0, keys.size()).stream().filter(RpcResult::methodNotFound).findFirst()
                .orElse(null);
        if (refused != null) {
            if (!allowUnprovenReads) {
                proofsRefused = refused.errorCode() + " " + refused.errorMessage();
                throw new UpstreamException("upstream " + upstream.redactedUrls() + " has no eth_getProof ("
                        + refused.errorCode() + " " + refused.errorMessage() + "), so its state cannot be proven "
                        + "against the block's state root; use a node that serves eth_getProof, or set "
                        + "statecache.upstream.allow-unproven-reads=true to serve its plain reads marked PLAIN");
            }
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
            provenNodes.put(key, proofNodes(answer));
            lastCodeHash.put(key.address(), account.codeHash());
        }
        proofsServed = true;
        Map<Hash, byte[]> code = new HashMap<>();
        keepGuessedCode(accounts.values(), guessedCode, answers, code);
        Map<Address, Set<UInt256>> named = readHints(answers.subList(firstHint, answers.size()));
        secondRequest(block, at, accounts.values(), codeKnown, code, named.isEmpty() ? Map.of() : unheld.apply(named),
                hinted);
        Map<FetchKey, FetchedAccount> fetched = new HashMap<>();
        accounts.forEach((key, account) -> fetched.put(key,
                new FetchedAccount(account, code.get(account.codeHash()), provenance(), provenNodes.get(key))));
        if (!proofs.verifies()) {
            unprovenReads.increment(keys.size());
        }
        return fetched;
    }

    /**
     * The code the first request's guess missed, which the read needs (its failure fails the read), and the
     * proofs of the hinted keys with their guessed code, which it does not (a hinted account that fails is left
     * out of {@code hinted}), in one request. Code a hinted account's guess missed costs one more (its code
     * changed since it was last read).
     */
    private void secondRequest(BlockHeader block, Object at, Collection<AccountData> proven, Predicate<Hash> codeKnown,
            Map<Hash, byte[]> code, Map<Address, Set<UInt256>> toProve, Map<Address, FetchedAccount> hinted) {
        Map<Hash, Address> missed = codeHolders(proven, hash -> code.containsKey(hash) || codeKnown.test(hash));
        List<Call> calls = new ArrayList<>();
        missed.values().forEach(address -> calls.add(new Call("eth_getCode", address.toString(), at)));
        toProve.forEach((address, slots) -> calls.add(proofCall(address, slots, at)));
        Set<Address> known = new HashSet<>(missed.values());
        proven.forEach(account -> known.add(account.address()));
        Map<Address, Integer> guessed = guessCode(toProve.keySet().stream().filter(a -> !known.contains(a)).toList(),
                codeKnown, at, calls);
        if (calls.isEmpty()) {
            return;
        }
        List<RpcResult> answers;
        try {
            answers = upstream.batch(calls);
        } catch (UpstreamException e) {
            if (!missed.isEmpty()) {
                throw e;
            }
            LOG.warn("hinted accounts at block {} left out: {}", block.hash(), e.getMessage());
            return;
        }
        int i = 0;
        for (Map.Entry<Hash, Address> holder : missed.entrySet()) {
            code.put(holder.getKey(), checkedCode(holder.getValue(), holder.getKey(), answers.get(i++).orThrow()));
        }
        Map<Address, AccountData> accounts = new LinkedHashMap<>();
        Map<Address, List<byte[]>> provenNodes = new HashMap<>();
        for (Map.Entry<Address, Set<UInt256>> entry : toProve.entrySet()) {
            try {
                JsonNode answer = answers.get(i++).orThrow();
                AccountData account = proofs.read(block.stateRoot(), entry.getKey(), entry.getValue(), answer);
                accounts.put(entry.getKey(), account);
                provenNodes.put(entry.getKey(), proofNodes(answer));
                lastCodeHash.put(entry.getKey(), account.codeHash());
            } catch (UpstreamException | ProofVerificationException e) {
                LOG.warn("hinted account {} at block {} left out: {}", entry.getKey(), block.hash(), e.getMessage());
            }
        }
        try {
            keepGuessedCode(accounts.values(), guessed, answers, code);
            code.putAll(missingCode(at, accounts.values(), hash -> code.containsKey(hash) || codeKnown.test(hash)));
        } catch (UpstreamException e) {
            LOG.warn("code of hinted accounts at block {} left out: {}", block.hash(), e.getMessage());
            accounts.values().removeIf(account -> !account.codeHash().equals(Hash.EMPTY_CODE)
                    && !code.containsKey(account.codeHash()) && !codeKnown.test(account.codeHash()));
        }
        accounts.forEach((address, account) -> hinted.put(address,
                new FetchedAccount(account, code.get(account.codeHash()), provenance(), provenNodes.get(address))));
    }

    /** The trie nodes of a verified eth_getProof answer, kept for witnesses; none when proofs are not checked. */
    private List<byte[]> proofNodes(JsonNode answer) {
        return proofs.verifies() ? AccountProofs.nodes(answer) : List.of();
    }

    /** How a proof-read value is known: PROVEN, unless proof checks are disabled. */
    private StateProvenance provenance() {
        return proofs.verifies() ? StateProvenance.PROVEN : StateProvenance.PLAIN;
    }

    private static Call proofCall(Address address, Set<UInt256> slots, Object at) {
        return new Call("eth_getProof", address.toString(), slots.stream().map(slot -> Hex.encode(slot.toBytes32())).toList(), at);
    }

    /**
     * An eth_getCode call for each account whose code may not be held, guessed from the code hash it had at the
     * last block read (none known: asked); their positions in {@code calls}.
     */
    private Map<Address, Integer> guessCode(List<Address> addresses, Predicate<Hash> codeKnown, Object at,
            List<Call> calls) {
        Map<Address, Integer> guessed = new LinkedHashMap<>();
        for (Address address : addresses) {
            Hash last = lastCodeHash.getIfPresent(address);
            if ((last == null || !last.equals(Hash.EMPTY_CODE) && !codeKnown.test(last))
                    && guessed.putIfAbsent(address, calls.size()) == null) {
                calls.add(new Call("eth_getCode", address.toString(), at));
            }
        }
        return guessed;
    }

    /** The guessed code that answered, each checked against its account's proven code hash, into {@code code}. */
    private static void keepGuessedCode(Collection<AccountData> accounts, Map<Address, Integer> guessed,
            List<RpcResult> answers, Map<Hash, byte[]> code) {
        for (AccountData account : accounts) {
            Integer answer = guessed.get(account.address());
            if (answer != null && !answers.get(answer).failed() && !account.codeHash().equals(Hash.EMPTY_CODE)
                    && !code.containsKey(account.codeHash())) {
                code.put(account.codeHash(), checkedCode(account.address(), account.codeHash(),
                        answers.get(answer).result()));
            }
        }
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
    private Map<Address, Set<UInt256>> readHints(List<RpcResult> answers) {
        Map<Address, Set<UInt256>> hinted = new LinkedHashMap<>();
        int slots = 0;
        for (RpcResult answer : answers) {
            if (answer.methodUnsupported()) {
                hintsUnavailable = "eth_createAccessList: " + answer.errorMessage();
                return hinted;
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
        return hinted;
    }

    /** eth_getCode for every distinct code hash not yet held, each checked against the proven hash. */
    private Map<Hash, byte[]> missingCode(Object at, Iterable<AccountData> accounts, Predicate<Hash> codeKnown) {
        Map<Hash, Address> holders = codeHolders(accounts, codeKnown);
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

    /** One holder of each distinct code hash that {@code codeKnown} does not accept. */
    private static Map<Hash, Address> codeHolders(Iterable<AccountData> accounts, Predicate<Hash> codeKnown) {
        Map<Hash, Address> holders = new LinkedHashMap<>();
        for (AccountData account : accounts) {
            if (!account.codeHash().equals(Hash.EMPTY_CODE) && !codeKnown.test(account.codeHash())) {
                holders.putIfAbsent(account.codeHash(), account.address());
            }
        }
        return holders;
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
                    null, slots), code.length == 0 ? null : code, StateProvenance.PLAIN));
        }
        unprovenReads.increment(keys.size());
        return fetched;
    }
}
