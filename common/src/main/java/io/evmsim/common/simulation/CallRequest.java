package io.evmsim.common.simulation;

import io.evmsim.common.tx.AccessListEntry;
import io.evmsim.common.tx.Authorization;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;

/**
 * One transaction to simulate: an unsigned call, or a signed transaction the gateway decoded (then
 * {@code from} is the recovered sender). Absent values are null and the worker fills them in as
 * {@code eth_call} does (nonce from the state, gas from the cap, fees zero).
 *
 * @param from the sender; the zero address when absent, as eth_call
 * @param type the EIP-2718 type (0 to 4), or null to infer it from the fee fields
 * @param to the recipient; null deploys {@code data} as initcode
 */
public record CallRequest(Integer type, Address from, Address to, byte[] data, UInt256 value, Long gas,
        UInt256 gasPrice, UInt256 maxFeePerGas, UInt256 maxPriorityFeePerGas, UInt256 maxFeePerBlobGas, Long nonce,
        List<AccessListEntry> accessList, List<Hash> blobVersionedHashes, List<Authorization> authorizationList) {

    public CallRequest {
        from = from == null ? Address.ZERO : from; // eth_call's default sender
        data = data == null ? new byte[0] : data;
        value = value == null ? UInt256.ZERO : value;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
        blobVersionedHashes = blobVersionedHashes == null ? List.of() : List.copyOf(blobVersionedHashes);
        authorizationList = authorizationList == null ? List.of() : List.copyOf(authorizationList);
    }
}
