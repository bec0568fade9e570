package io.evmsim.common.tx;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A transaction of any EIP-2718 type. Fields a type does not have are null (single values) or
 * empty (lists); {@link TransactionBuilder} fills in those defaults. Build one with
 * {@link #builder(TransactionType)} or {@link #decode(byte[])}.
 *
 * @param chainId              null only for a legacy transaction signed without EIP-155
 * @param nonce                unsigned 64-bit
 * @param gasPrice             legacy and access-list transactions; null otherwise
 * @param maxPriorityFeePerGas EIP-1559 and later types; null otherwise
 * @param maxFeePerGas         EIP-1559 and later types; null otherwise
 * @param gasLimit             unsigned 64-bit
 * @param to                   the recipient; null creates a contract (not allowed for blob and set-code types)
 * @param maxFeePerBlobGas     blob transactions only; null otherwise
 * @param v                    legacy: the raw v (27/28, or chainId*2+35/36 under EIP-155); typed: the y
 *                             parity; null, like r and s, while unsigned
 */
public record Transaction(
        TransactionType type,
        UInt256 chainId,
        long nonce,
        UInt256 gasPrice,
        UInt256 maxPriorityFeePerGas,
        UInt256 maxFeePerGas,
        long gasLimit,
        Address to,
        UInt256 value,
        byte[] data,
        List<AccessListEntry> accessList,
        UInt256 maxFeePerBlobGas,
        List<Hash> blobVersionedHashes,
        List<Authorization> authorizationList,
        UInt256 v,
        UInt256 r,
        UInt256 s) {

    private static final UInt256 LEGACY_V_BASE = UInt256.valueOf(27);
    private static final UInt256 EIP155_V_BASE = UInt256.valueOf(35);

    public Transaction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        data = data.clone();
        accessList = List.copyOf(accessList);
        blobVersionedHashes = List.copyOf(blobVersionedHashes);
        authorizationList = List.copyOf(authorizationList);
        TransactionShape.check(type, chainId, gasPrice, maxPriorityFeePerGas, maxFeePerGas, to, accessList,
                maxFeePerBlobGas, blobVersionedHashes, authorizationList);
        if ((v == null) != (r == null) || (v == null) != (s == null)) {
            throw new IllegalArgumentException("v, r and s are all present or all absent");
        }
    }

    public static TransactionBuilder builder(TransactionType type) {
        return new TransactionBuilder(type);
    }

    /**
     * Decodes a signed transaction as eth_sendRawTransaction and blocks carry it: a legacy RLP list
     * or a type byte followed by the typed payload. A blob transaction in its network form (with
     * blobs, commitments and proofs) is unwrapped to the transaction; the sidecar is dropped
     * without verification.
     *
     * @throws InvalidTransactionException or {@link io.evmsim.common.rlp.RlpException} naming the problem
     */
    public static Transaction decode(byte[] rawEnvelope) {
        return TransactionDecoder.decode(rawEnvelope);
    }

    /** The signed envelope: legacy RLP, or type byte || RLP payload. */
    public byte[] encode() {
        if (!isSigned()) {
            throw new IllegalStateException("an unsigned transaction has no envelope; sign it first");
        }
        return TransactionEncoder.envelope(this);
    }

    /** The transaction hash: keccak256 of the signed envelope. */
    public Hash hash() {
        return Keccak.hash(encode());
    }

    /** The hash the sender signs (EIP-155 for legacy with a chain id, EIP-2718 type prefix otherwise). */
    public Hash signingHash() {
        return Keccak.hash(TransactionEncoder.signingPayload(this));
    }

    /**
     * The sender, recovered from the signature.
     *
     * @throws InvalidTransactionException when unsigned, when s exceeds n/2 (EIP-2), when the
     *                                     parity is not 0 or 1, or when no key recovers
     */
    public Address sender() {
        if (!isSigned()) {
            throw new InvalidTransactionException("transaction is not signed");
        }
        int recoveryId = recoveryId();
        if (recoveryId < 0) {
            throw new InvalidTransactionException("invalid signature: v " + v + " gives no recovery id for a "
                    + type + " transaction");
        }
        if (s.compareTo(Secp256k1.HALF_N_WORD) > 0) {
            throw new InvalidTransactionException("invalid signature: s exceeds secp256k1n/2 (EIP-2)");
        }
        Address sender = Secp256k1.recoverAddress(signingHash().toArray(), recoveryId, r, s);
        if (sender == null) {
            throw new InvalidTransactionException("invalid signature: r and s recover no public key");
        }
        return sender;
    }

    /** A copy signed with this key, deterministically (RFC 6979) and with low s. */
    public Transaction sign(BigInteger privateKey) {
        Secp256k1.Signature signature = Secp256k1.sign(signingHash().toArray(), privateKey);
        UInt256 parity = UInt256.valueOf(signature.recoveryId());
        UInt256 newV = parity;
        if (type == TransactionType.LEGACY) {
            newV = chainId == null ? LEGACY_V_BASE.add(parity) : eip155V(chainId).add(parity);
        }
        return withSignature(newV, signature.r(), signature.s());
    }

    public Transaction withSignature(UInt256 newV, UInt256 newR, UInt256 newS) {
        return new Transaction(type, chainId, nonce, gasPrice, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value,
                data, accessList, maxFeePerBlobGas, blobVersionedHashes, authorizationList, newV, newR, newS);
    }

    public boolean isSigned() {
        return v != null;
    }

    public boolean isContractCreation() {
        return to == null;
    }

    /** The most the sender pays per gas: the gas price, or maxFeePerGas from EIP-1559 on. */
    public UInt256 feeCap() {
        return gasPrice != null ? gasPrice : maxFeePerGas;
    }

    /** The most the block producer gets per gas: the gas price, or maxPriorityFeePerGas from EIP-1559 on. */
    public UInt256 tipCap() {
        return gasPrice != null ? gasPrice : maxPriorityFeePerGas;
    }

    /** The call data; a copy. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The y parity the signature implies, or -1 when v is not a valid value for this type. */
    public int recoveryId() {
        if (type != TransactionType.LEGACY) {
            return v.equals(UInt256.ZERO) ? 0 : v.equals(UInt256.ONE) ? 1 : -1;
        }
        UInt256 base = chainId == null ? LEGACY_V_BASE : eip155V(chainId);
        UInt256 parity = v.sub(base);
        return v.compareTo(base) >= 0 && parity.compareTo(UInt256.ONE) <= 0 ? (int) parity.toLong() : -1;
    }

    /** EIP-155: v = chainId * 2 + 35 + parity. */
    static UInt256 eip155V(UInt256 chainId) {
        return chainId.add(chainId).add(EIP155_V_BASE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && type == t.type && Objects.equals(chainId, t.chainId) && nonce == t.nonce
                && Objects.equals(gasPrice, t.gasPrice) && Objects.equals(maxPriorityFeePerGas, t.maxPriorityFeePerGas)
                && Objects.equals(maxFeePerGas, t.maxFeePerGas) && gasLimit == t.gasLimit && Objects.equals(to, t.to)
                && value.equals(t.value) && Arrays.equals(data, t.data) && accessList.equals(t.accessList)
                && Objects.equals(maxFeePerBlobGas, t.maxFeePerBlobGas)
                && blobVersionedHashes.equals(t.blobVersionedHashes) && authorizationList.equals(t.authorizationList)
                && Objects.equals(v, t.v) && Objects.equals(r, t.r) && Objects.equals(s, t.s);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, chainId, nonce, to, value, Arrays.hashCode(data), r, s);
    }

    @Override
    public String toString() {
        return "Transaction[" + type + (isSigned() ? " " + hash() : " unsigned") + ", nonce " + Long.toUnsignedString(nonce)
                + ", to " + to + "]";
    }
}
