package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.tx.AccessListEntry;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.Authorization;
import io.evmsim.evm.transaction.EvmTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Completes a requested call into the transaction the engine runs, as {@code eth_call} and
 * {@code eth_simulateV1} do: the nonce from the state when absent (or when validation is off), the
 * gas from the smallest of the simulation's gas cap, the block gas limit and EIP-7825's cap, fees
 * zero when absent, the type from the fields present.
 */
public final class TransactionFactory {
    private TransactionFactory() {
    }

    public static EvmTransaction build(CallRequest call, JournaledState state, BlockContext block, ForkRules rules,
            boolean validation, long gasCap) {
        int type = call.type() != null ? call.type() : inferType(call);
        long stateNonce = state.account(call.from()).nonce();
        long nonce = call.nonce() != null && validation ? call.nonce() : stateNonce;
        long gas = call.gas() != null ? call.gas()
                : Math.min(Math.min(gasCap, block.gasLimit()), rules.transactionGasCap());
        boolean legacyFees = type <= 1;
        UInt256 gasPrice = legacyFees ? orZero(call.gasPrice()) : null;
        UInt256 maxFee = legacyFees ? null : call.maxFeePerGas() != null ? call.maxFeePerGas() : orZero(call.gasPrice());
        UInt256 maxPriority = legacyFees ? null : orZero(call.maxPriorityFeePerGas());
        return new EvmTransaction(type, call.from(), call.to(), nonce, gas, call.value(), call.data(), gasPrice, maxFee,
                maxPriority, accessList(call), type == 3 ? orZero(call.maxFeePerBlobGas()) : null,
                call.blobVersionedHashes(), authorizations(call));
    }

    /** True when the call names no fee at all: then, as geth's eth_call, the block's base fee is taken as zero. */
    public static boolean feeless(CallRequest call) {
        return isZero(call.gasPrice()) && isZero(call.maxFeePerGas()) && isZero(call.maxPriorityFeePerGas());
    }

    private static int inferType(CallRequest call) {
        if (!call.authorizationList().isEmpty()) {
            return 4;
        }
        if (!call.blobVersionedHashes().isEmpty()) {
            return 3;
        }
        if (call.maxFeePerGas() != null || call.maxPriorityFeePerGas() != null || call.gasPrice() == null) {
            return 2;
        }
        return call.accessList().isEmpty() ? 0 : 1;
    }

    private static List<io.evmsim.evm.transaction.AccessListEntry> accessList(CallRequest call) {
        List<io.evmsim.evm.transaction.AccessListEntry> entries = new ArrayList<>(call.accessList().size());
        for (AccessListEntry entry : call.accessList()) {
            List<UInt256> keys = new ArrayList<>(entry.storageKeys().size());
            for (Hash key : entry.storageKeys()) {
                keys.add(UInt256.fromBytes(key.toArray()));
            }
            entries.add(new io.evmsim.evm.transaction.AccessListEntry(entry.address(), keys));
        }
        return entries;
    }

    private static List<Authorization> authorizations(CallRequest call) {
        List<Authorization> list = new ArrayList<>(call.authorizationList().size());
        for (io.evmsim.common.tx.Authorization auth : call.authorizationList()) {
            list.add(new Authorization(auth.chainId(), auth.address(), UInt256.valueOf(auth.nonce()), auth.authority()));
        }
        return list;
    }

    private static UInt256 orZero(UInt256 value) {
        return value == null ? UInt256.ZERO : value;
    }

    private static boolean isZero(UInt256 value) {
        return value == null || value.isZero();
    }
}
