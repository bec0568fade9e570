package io.evmsim.common.tx;

import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.List;

/** The RLP field lists of each transaction type, in the order their EIPs define. */
final class TransactionEncoder {
    private TransactionEncoder() {
    }

    static byte[] envelope(Transaction tx) {
        List<byte[]> fields = unsignedFields(tx);
        fields.add(Rlp.encodeUInt256(tx.v()));
        fields.add(Rlp.encodeUInt256(tx.r()));
        fields.add(Rlp.encodeUInt256(tx.s()));
        return withTypeByte(tx, Rlp.encodeList(fields));
    }

    static byte[] signingPayload(Transaction tx) {
        List<byte[]> fields = unsignedFields(tx);
        if (tx.type() == TransactionType.LEGACY && tx.chainId() != null) {
            // EIP-155: the chain id and two zeros stand in for v, r and s.
            fields.add(Rlp.encodeUInt256(tx.chainId()));
            fields.add(Rlp.EMPTY_STRING);
            fields.add(Rlp.EMPTY_STRING);
        }
        return withTypeByte(tx, Rlp.encodeList(fields));
    }

    private static byte[] withTypeByte(Transaction tx, byte[] payload) {
        return tx.type() == TransactionType.LEGACY ? payload : Prefixed.of(tx.type().typeByte(), payload);
    }

    private static List<byte[]> unsignedFields(Transaction tx) {
        List<byte[]> fields = new ArrayList<>(16);
        if (tx.type() != TransactionType.LEGACY) {
            fields.add(Rlp.encodeUInt256(tx.chainId()));
        }
        fields.add(Rlp.encodeUnsignedLong(tx.nonce()));
        if (tx.gasPrice() != null) {
            fields.add(Rlp.encodeUInt256(tx.gasPrice()));
        } else {
            fields.add(Rlp.encodeUInt256(tx.maxPriorityFeePerGas()));
            fields.add(Rlp.encodeUInt256(tx.maxFeePerGas()));
        }
        fields.add(Rlp.encodeUnsignedLong(tx.gasLimit()));
        fields.add(tx.to() == null ? Rlp.EMPTY_STRING : Rlp.encodeAddress(tx.to()));
        fields.add(Rlp.encodeUInt256(tx.value()));
        fields.add(Rlp.encodeBytes(tx.data()));
        if (tx.type() == TransactionType.LEGACY) {
            return fields;
        }
        fields.add(AccessListEntry.encodeList(tx.accessList()));
        if (tx.type() == TransactionType.BLOB) {
            fields.add(Rlp.encodeUInt256(tx.maxFeePerBlobGas()));
            List<byte[]> hashes = new ArrayList<>();
            for (Hash hash : tx.blobVersionedHashes()) {
                hashes.add(Rlp.encodeHash(hash));
            }
            fields.add(Rlp.encodeList(hashes));
        } else if (tx.type() == TransactionType.SET_CODE) {
            List<byte[]> authorizations = new ArrayList<>();
            for (Authorization authorization : tx.authorizationList()) {
                authorizations.add(authorization.encode());
            }
            fields.add(Rlp.encodeList(authorizations));
        }
        return fields;
    }
}
