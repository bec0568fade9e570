package io.evmsim.common.tx;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;

/** Which fields each transaction type has: the others must be null or empty. */
final class TransactionShape {
    private TransactionShape() {
    }

    static void check(TransactionType type, UInt256 chainId, UInt256 gasPrice, UInt256 maxPriorityFeePerGas,
            UInt256 maxFeePerGas, Address to, List<AccessListEntry> accessList, UInt256 maxFeePerBlobGas,
            List<Hash> blobVersionedHashes, List<Authorization> authorizationList) {
        boolean typed = type != TransactionType.LEGACY;
        boolean fixedPrice = type == TransactionType.LEGACY || type == TransactionType.ACCESS_LIST;
        boolean blob = type == TransactionType.BLOB;
        boolean setCode = type == TransactionType.SET_CODE;
        require(!typed || chainId != null, type, "a chain id");
        require(fixedPrice == (gasPrice != null), type, fixedPrice ? "a gas price" : "no gas price");
        require(fixedPrice == (maxFeePerGas == null), type, fixedPrice ? "no maxFeePerGas" : "a maxFeePerGas");
        require(fixedPrice == (maxPriorityFeePerGas == null), type,
                fixedPrice ? "no maxPriorityFeePerGas" : "a maxPriorityFeePerGas");
        require(typed || accessList.isEmpty(), type, "no access list");
        require(blob == (maxFeePerBlobGas != null), type, blob ? "a maxFeePerBlobGas" : "no maxFeePerBlobGas");
        require(blob || blobVersionedHashes.isEmpty(), type, "no blob versioned hashes");
        require(setCode || authorizationList.isEmpty(), type, "no authorization list");
        // EIP-4844 and EIP-7702: these types cannot create contracts.
        require(!(blob || setCode) || to != null, type, "a recipient (it cannot create a contract)");
    }

    private static void require(boolean condition, TransactionType type, String what) {
        if (!condition) {
            throw new IllegalArgumentException("a " + type + " transaction has " + what);
        }
    }
}
