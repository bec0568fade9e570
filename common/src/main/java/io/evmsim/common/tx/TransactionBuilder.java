package io.evmsim.common.tx;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;

/**
 * Assembles a {@link Transaction}; unset fields are zero, empty or absent. The type's required
 * fields are checked by {@link #build()}.
 */
public final class TransactionBuilder {
    private final TransactionType type;
    private UInt256 chainId;
    private long nonce;
    private UInt256 gasPrice;
    private UInt256 maxPriorityFeePerGas;
    private UInt256 maxFeePerGas;
    private long gasLimit;
    private Address to;
    private UInt256 value = UInt256.ZERO;
    private byte[] data = new byte[0];
    private List<AccessListEntry> accessList = List.of();
    private UInt256 maxFeePerBlobGas;
    private List<Hash> blobVersionedHashes = List.of();
    private List<Authorization> authorizationList = List.of();

    TransactionBuilder(TransactionType type) {
        this.type = type;
    }

    public TransactionBuilder chainId(long chainId) {
        return chainId(UInt256.valueOf(chainId));
    }

    public TransactionBuilder chainId(UInt256 chainId) {
        this.chainId = chainId;
        return this;
    }

    public TransactionBuilder nonce(long nonce) {
        this.nonce = nonce;
        return this;
    }

    public TransactionBuilder gasPrice(UInt256 gasPrice) {
        this.gasPrice = gasPrice;
        return this;
    }

    public TransactionBuilder maxPriorityFeePerGas(UInt256 maxPriorityFeePerGas) {
        this.maxPriorityFeePerGas = maxPriorityFeePerGas;
        return this;
    }

    public TransactionBuilder maxFeePerGas(UInt256 maxFeePerGas) {
        this.maxFeePerGas = maxFeePerGas;
        return this;
    }

    public TransactionBuilder gasLimit(long gasLimit) {
        this.gasLimit = gasLimit;
        return this;
    }

    /** The recipient; null (the default) creates a contract. */
    public TransactionBuilder to(Address to) {
        this.to = to;
        return this;
    }

    public TransactionBuilder value(UInt256 value) {
        this.value = value;
        return this;
    }

    public TransactionBuilder data(byte[] data) {
        this.data = data.clone();
        return this;
    }

    public TransactionBuilder accessList(List<AccessListEntry> accessList) {
        this.accessList = accessList;
        return this;
    }

    public TransactionBuilder maxFeePerBlobGas(UInt256 maxFeePerBlobGas) {
        this.maxFeePerBlobGas = maxFeePerBlobGas;
        return this;
    }

    public TransactionBuilder blobVersionedHashes(List<Hash> blobVersionedHashes) {
        this.blobVersionedHashes = blobVersionedHashes;
        return this;
    }

    public TransactionBuilder authorizationList(List<Authorization> authorizationList) {
        this.authorizationList = authorizationList;
        return this;
    }

    /** An unsigned transaction; see {@link Transaction#sign} and {@link Transaction#withSignature}. */
    public Transaction build() {
        return new Transaction(type, chainId, nonce, gasPrice, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value,
                data, accessList, maxFeePerBlobGas, blobVersionedHashes, authorizationList, null, null, null);
    }
}
