package io.evmsim.common.tx;

import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.rlp.RlpException;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads transaction envelopes field by field, naming the field when one is malformed. */
final class TransactionDecoder {
    private static final int LEGACY_FIELDS = 9;
    private static final int LIST_PREFIX = 0xc0;
    private static final int STRING_PREFIX = 0x80;
    private static final UInt256 V27 = UInt256.valueOf(27);
    private static final UInt256 V28 = UInt256.valueOf(28);
    private static final UInt256 V35 = UInt256.valueOf(35);

    private final RlpItem fields;
    private int next;

    private TransactionDecoder(RlpItem fields) {
        this.fields = fields;
    }

    static Transaction decode(byte[] raw) {
        if (raw.length == 0) {
            throw new InvalidTransactionException("empty transaction");
        }
        int first = raw[0] & 0xff;
        try {
            if (first >= LIST_PREFIX) {
                return new TransactionDecoder(expectFields(RlpDecoder.decode(raw), TransactionType.LEGACY)).legacy();
            }
            TransactionType type = TransactionType.ofEnvelopeByte(first);
            if (type == null) {
                throw new InvalidTransactionException(first < STRING_PREFIX
                        ? String.format("unsupported transaction type 0x%02x", first)
                        : String.format("not a transaction: first byte 0x%02x is neither a type nor an RLP list", first));
            }
            if (raw.length == 1) {
                throw new InvalidTransactionException(type + " transaction has no payload after its type byte");
            }
            RlpItem payload = RlpDecoder.decode(raw, 1, raw.length - 1);
            if (type == TransactionType.BLOB && payload.isList() && payload.size() > 0 && payload.get(0).isList()) {
                // EIP-4844 network form: [tx_payload_body, (wrapper version,) blobs, commitments, proofs].
                payload = payload.get(0);
            }
            return new TransactionDecoder(expectFields(payload, type)).typed(type);
        } catch (RlpException e) {
            throw new InvalidTransactionException("malformed transaction RLP: " + e.getMessage(), e);
        }
    }

    private static RlpItem expectFields(RlpItem payload, TransactionType type) {
        int expected = fieldCount(type);
        if (!payload.isList() || payload.size() != expected) {
            throw new InvalidTransactionException("a " + type + " transaction is a list of " + expected + " fields, got "
                    + (payload.isList() ? payload.size() + " fields" : "a byte string"));
        }
        return payload;
    }

    private static int fieldCount(TransactionType type) {
        return switch (type) {
            case LEGACY -> LEGACY_FIELDS;
            case ACCESS_LIST -> 11;
            case DYNAMIC_FEE -> 12;
            case BLOB -> 14;
            case SET_CODE -> 13;
        };
    }

    private Transaction legacy() {
        long nonce = read("nonce", RlpItem::asUnsignedLong);
        UInt256 gasPrice = read("gasPrice", RlpItem::asUInt256);
        long gasLimit = read("gasLimit", RlpItem::asUnsignedLong);
        Address to = read("to", TransactionDecoder::recipient);
        UInt256 value = read("value", RlpItem::asUInt256);
        byte[] data = read("data", RlpItem::bytes);
        UInt256 v = read("v", RlpItem::asUInt256);
        UInt256 r = read("r", RlpItem::asUInt256);
        UInt256 s = read("s", RlpItem::asUInt256);
        return new Transaction(TransactionType.LEGACY, legacyChainId(v), nonce, gasPrice, null, null, gasLimit, to, value,
                data, List.of(), null, List.of(), List.of(), v, r, s);
    }

    private Transaction typed(TransactionType type) {
        UInt256 chainId = read("chainId", RlpItem::asUInt256);
        long nonce = read("nonce", RlpItem::asUnsignedLong);
        UInt256 gasPrice = null;
        UInt256 maxPriorityFeePerGas = null;
        UInt256 maxFeePerGas = null;
        if (type == TransactionType.ACCESS_LIST) {
            gasPrice = read("gasPrice", RlpItem::asUInt256);
        } else {
            maxPriorityFeePerGas = read("maxPriorityFeePerGas", RlpItem::asUInt256);
            maxFeePerGas = read("maxFeePerGas", RlpItem::asUInt256);
        }
        long gasLimit = read("gasLimit", RlpItem::asUnsignedLong);
        Address to = read("to", TransactionDecoder::recipient);
        if (to == null && (type == TransactionType.BLOB || type == TransactionType.SET_CODE)) {
            throw new InvalidTransactionException("a " + type + " transaction cannot create a contract: 'to' is empty");
        }
        UInt256 value = read("value", RlpItem::asUInt256);
        byte[] data = read("data", RlpItem::bytes);
        List<AccessListEntry> accessList = read("accessList", AccessListEntry::decodeList);
        UInt256 maxFeePerBlobGas = null;
        List<Hash> blobVersionedHashes = List.of();
        List<Authorization> authorizationList = List.of();
        if (type == TransactionType.BLOB) {
            maxFeePerBlobGas = read("maxFeePerBlobGas", RlpItem::asUInt256);
            blobVersionedHashes = read("blobVersionedHashes", item -> decodeEach(item, RlpItem::asHash));
        } else if (type == TransactionType.SET_CODE) {
            authorizationList = read("authorizationList", item -> decodeEach(item, Authorization::decode));
        }
        UInt256 yParity = read("yParity", RlpItem::asUInt256);
        UInt256 r = read("r", RlpItem::asUInt256);
        UInt256 s = read("s", RlpItem::asUInt256);
        return new Transaction(type, chainId, nonce, gasPrice, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value,
                data, accessList, maxFeePerBlobGas, blobVersionedHashes, authorizationList, yParity, r, s);
    }

    /** Reads the next field, naming it in the exception when it is malformed. */
    private <T> T read(String name, Function<RlpItem, T> reader) {
        RlpItem item = fields.get(next++);
        try {
            return reader.apply(item);
        } catch (RlpException | InvalidTransactionException e) {
            throw new InvalidTransactionException("field '" + name + "': " + e.getMessage(), e);
        }
    }

    private static Address recipient(RlpItem item) {
        return item.isEmptyString() ? null : item.asAddress();
    }

    private static <T> List<T> decodeEach(RlpItem list, Function<RlpItem, T> reader) {
        List<T> out = new ArrayList<>(list.size());
        for (RlpItem item : list.items()) {
            out.add(reader.apply(item));
        }
        return out;
    }

    /** EIP-155: v is 27 or 28 without a chain id, chainId * 2 + 35 or 36 with one. */
    private static UInt256 legacyChainId(UInt256 v) {
        if (v.equals(V27) || v.equals(V28)) {
            return null;
        }
        if (v.compareTo(V35) < 0) {
            throw new InvalidTransactionException("legacy v must be 27, 28 or chainId * 2 + 35/36 (EIP-155), got " + v);
        }
        BigInteger chainId = v.sub(V35).toBigInteger().shiftRight(1);
        return UInt256.fromBigInteger(chainId);
    }
}
