package io.evmsim.statecache.proof;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.trie.InvalidProofException;
import io.evmsim.common.trie.MerkleProof;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.proof.ProofVerificationException.Kind;
import io.evmsim.statecache.upstream.UpstreamException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads eth_getProof answers (EIP-1186) into account data, checking the account proof against the block's
 * state root and every storage proof against the account's storage root. A proof that does not verify, or
 * values that differ from what it proves, is refused and counted in {@code evmsim.proof.verification.failures}.
 */
public class AccountProofs {
    private final MeterRegistry meters;
    private final boolean verify;

    public AccountProofs(MeterRegistry meters, boolean verify) {
        this.meters = meters;
        this.verify = verify;
        for (ProofVerificationException.Kind kind : ProofVerificationException.Kind.values()) {
            failures(kind); // registered at zero, so a dashboard shows 0 rather than no data
        }
    }

    public boolean verifies() {
        return verify;
    }

    /** The account and the requested slots from one eth_getProof answer, proven against {@code stateRoot}. */
    public AccountData read(Hash stateRoot, Address address, Set<UInt256> requestedSlots, JsonNode proof) {
        long nonce = Long.decode(text(proof, "nonce"));
        UInt256 balance = UInt256.parse(text(proof, "balance"));
        Hash codeHash = Hash.fromHex(text(proof, "codeHash"));
        Hash storageRoot = Hash.fromHex(text(proof, "storageHash"));
        boolean exists = true;
        if (verify) {
            Optional<byte[]> proven = prove(Kind.ACCOUNT, stateRoot, address.toArray(), proof.path("accountProof"),
                    "account " + address);
            if (proven.isPresent()) {
                RlpItem account = RlpDecoder.decode(proven.get());
                check(Kind.ACCOUNT, account.get(0).asUnsignedLong() == nonce
                        && account.get(1).asUInt256().equals(balance) && account.get(2).asHash().equals(storageRoot)
                        && account.get(3).asHash().equals(codeHash), "account " + address
                        + ": the answered nonce, balance, storage root or code hash differ from the proven account");
            } else {
                check(Kind.ACCOUNT, nonce == 0 && balance.isZero() && emptyOrZero(codeHash, Hash.EMPTY_CODE)
                        && emptyOrZero(storageRoot, Hash.EMPTY_TRIE), "account " + address
                        + " is proven absent but the answer gives it a nonce, balance, code or storage");
                exists = false;
            }
        } else {
            exists = nonce != 0 || !balance.isZero() || !emptyOrZero(codeHash, Hash.EMPTY_CODE);
        }
        if (!exists) {
            codeHash = Hash.EMPTY_CODE;
            storageRoot = Hash.EMPTY_TRIE;
        }
        return new AccountData(address, exists, nonce, balance, codeHash, storageRoot,
                slots(address, storageRoot, requestedSlots, proof.path("storageProof")));
    }

    /** The RLP of every node in an eth_getProof answer: its account proof, then each storage proof. */
    public static List<byte[]> nodes(JsonNode proof) {
        List<byte[]> nodes = new ArrayList<>();
        proof.path("accountProof").forEach(node -> nodes.add(Hex.decode(node.asString())));
        proof.path("storageProof").forEach(slot -> slot.path("proof").forEach(node -> nodes.add(Hex.decode(node.asString()))));
        return nodes;
    }

    private Map<UInt256, UInt256> slots(Address address, Hash storageRoot, Set<UInt256> requested, JsonNode proofs) {
        Map<UInt256, UInt256> slots = new HashMap<>();
        for (JsonNode slotProof : proofs) {
            UInt256 slot = UInt256.parse(text(slotProof, "key"));
            UInt256 value = UInt256.parse(text(slotProof, "value"));
            if (verify) {
                String what = "slot " + slot + " of " + address;
                UInt256 proven = prove(Kind.STORAGE, storageRoot, slot.toBytes32(), slotProof.path("proof"), what)
                        .map(rlp -> RlpDecoder.decode(rlp).asUInt256()).orElse(UInt256.ZERO);
                check(Kind.STORAGE, proven.equals(value), what + ": answered " + value + " but the proof shows " + proven);
            }
            slots.put(slot, value);
        }
        if (!slots.keySet().equals(requested)) {
            throw new UpstreamException("upstream eth_getProof for " + address + " answered slots " + slots.keySet()
                    + " instead of " + requested);
        }
        return slots;
    }

    private Optional<byte[]> prove(Kind kind, Hash root, byte[] key, JsonNode nodes, String what) {
        List<byte[]> proofNodes = new ArrayList<>();
        nodes.forEach(node -> proofNodes.add(Hex.decode(node.asString())));
        try {
            return MerkleProof.verify(root, Keccak.keccak256(key), proofNodes);
        } catch (InvalidProofException | io.evmsim.common.rlp.RlpException e) {
            throw failure(kind, what + ": proof does not verify against root " + root + ": " + e.getMessage());
        }
    }

    private void check(Kind kind, boolean holds, String message) {
        if (!holds) {
            throw failure(kind, message);
        }
    }

    private ProofVerificationException failure(Kind kind, String message) {
        failures(kind).increment();
        return new ProofVerificationException(kind, message);
    }

    private io.micrometer.core.instrument.Counter failures(Kind kind) {
        return meters.counter("evmsim.proof.verification.failures", "kind", kind.tag());
    }

    private static boolean emptyOrZero(Hash hash, Hash empty) {
        return hash.equals(empty) || hash.equals(Hash.ZERO);
    }

    private static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new UpstreamException("upstream eth_getProof answer lacks " + field + ": " + node);
        }
        return node.get(field).asString();
    }
}
