package io.evmsim.common.tx;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One EIP-7702 authorization tuple [chain_id, address, nonce, y_parity, r, s]: the authority
 * (the signer) lets its account delegate to the code at {@code address}.
 *
 * @param nonce   the authority's nonce, read as an unsigned 64-bit number
 * @param yParity the signature's y parity; any value below 2^8 decodes, only 0 and 1 recover
 */
public record Authorization(UInt256 chainId, Address address, long nonce, int yParity, UInt256 r, UInt256 s) {
    /** EIP-7702's domain separator, prefixed to the signed message so it cannot collide with transactions. */
    public static final byte MAGIC = 0x05;
    private static final int MAX_Y_PARITY = 0xff;

    public Authorization {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        if (yParity < 0 || yParity > MAX_Y_PARITY) {
            throw new IllegalArgumentException("y_parity must be below 2^8, got " + yParity);
        }
    }

    /** Signs an authorization; chain id 0 makes it valid on every chain. */
    public static Authorization sign(UInt256 chainId, Address address, long nonce, BigInteger privateKey) {
        Secp256k1.Signature signature = Secp256k1.sign(signingHash(chainId, address, nonce).toArray(), privateKey);
        return new Authorization(chainId, address, nonce, signature.recoveryId(), signature.r(), signature.s());
    }

    /** keccak256(MAGIC || rlp([chain_id, address, nonce])). */
    public Hash signingHash() {
        return signingHash(chainId, address, nonce);
    }

    /**
     * The signer, or null when the signature is invalid: y_parity not 0 or 1, r or s out of range,
     * or s above n/2 (EIP-7702 applies EIP-2's low-s rule). A null authority means the tuple is
     * skipped, not that the transaction is invalid.
     */
    public Address authority() {
        if (yParity > 1 || s.compareTo(Secp256k1.HALF_N_WORD) > 0) {
            return null;
        }
        return Secp256k1.recoverAddress(signingHash().toArray(), yParity, r, s);
    }

    public byte[] encode() {
        return Rlp.encodeList(Rlp.encodeUInt256(chainId), Rlp.encodeAddress(address), Rlp.encodeUnsignedLong(nonce),
                Rlp.encodeLong(yParity), Rlp.encodeUInt256(r), Rlp.encodeUInt256(s));
    }

    static Authorization decode(RlpItem item) {
        if (!item.isList() || item.size() != 6) {
            throw new InvalidTransactionException(
                    "an authorization is [chain_id, address, nonce, y_parity, r, s], got " + item);
        }
        UInt256 yParity = item.get(3).asUInt256();
        if (yParity.compareTo(UInt256.valueOf(MAX_Y_PARITY)) > 0) {
            throw new InvalidTransactionException("authorization y_parity must be below 2^8, got " + yParity);
        }
        return new Authorization(item.get(0).asUInt256(), item.get(1).asAddress(), item.get(2).asUnsignedLong(),
                (int) yParity.toLong(), item.get(4).asUInt256(), item.get(5).asUInt256());
    }

    private static Hash signingHash(UInt256 chainId, Address address, long nonce) {
        byte[] tuple = Rlp.encodeList(Rlp.encodeUInt256(chainId), Rlp.encodeAddress(address),
                Rlp.encodeUnsignedLong(nonce));
        return Keccak.hash(Prefixed.of(MAGIC, tuple));
    }
}
