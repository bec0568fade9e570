package io.evmsim.evm.transaction;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.BlobSchedule;
import java.util.List;

/**
 * A transaction as the engine executes it: the sender is already known (recovered from a
 * signature, or given for a simulated call).
 *
 * @param type the envelope type: 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844 blob, 4 EIP-7702 set-code
 * @param sender the sender
 * @param to the recipient, or null for a contract creation
 * @param nonce the sender's nonce
 * @param gasLimit the gas limit
 * @param value wei sent
 * @param data calldata, or initcode for a creation
 * @param gasPrice the gas price of types 0 and 1 (null for later types)
 * @param maxFeePerGas EIP-1559 fee cap (types 2, 3, 4)
 * @param maxPriorityFeePerGas EIP-1559 tip cap (types 2, 3, 4)
 * @param accessList EIP-2930 access list
 * @param maxFeePerBlobGas EIP-4844 blob fee cap (type 3)
 * @param blobVersionedHashes EIP-4844 blob hashes (type 3)
 * @param authorizationList EIP-7702 authorizations (type 4)
 */
public record EvmTransaction(int type, Address sender, Address to, long nonce, long gasLimit, UInt256 value,
        byte[] data, UInt256 gasPrice, UInt256 maxFeePerGas, UInt256 maxPriorityFeePerGas,
        List<AccessListEntry> accessList, UInt256 maxFeePerBlobGas, List<Hash> blobVersionedHashes,
        List<Authorization> authorizationList) {

    /** The same transaction with another gas limit (a simulation's gas cap lowering an unsigned call's). */
    public EvmTransaction withGasLimit(long limit) {
        return new EvmTransaction(type, sender, to, nonce, limit, value, data, gasPrice, maxFeePerGas,
                maxPriorityFeePerGas, accessList, maxFeePerBlobGas, blobVersionedHashes, authorizationList);
    }

    /** EIP-4844: the blob gas the transaction uses, a fixed amount per blob it carries. */
    public long blobGas() {
        return BlobSchedule.GAS_PER_BLOB * blobVersionedHashes.size();
    }

    public boolean isCreate() {
        return to == null;
    }

    /** The fee cap: the gas price for legacy types. */
    public UInt256 feeCap() {
        return gasPrice != null ? gasPrice : maxFeePerGas;
    }

    /** What one unit of gas costs in this block: EIP-1559's min(fee cap, base fee + tip). */
    public UInt256 effectiveGasPrice(UInt256 baseFee) {
        if (gasPrice != null) {
            return gasPrice;
        }
        UInt256 withTip = baseFee.add(maxPriorityFeePerGas);
        boolean overflow = withTip.compareTo(baseFee) < 0;
        return overflow ? maxFeePerGas : maxFeePerGas.min(withTip);
    }
}
