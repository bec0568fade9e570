package io.evmsim.evm.interpreter;

import static io.evmsim.evm.fork.GasCost.COLD_SLOAD;
import static io.evmsim.evm.fork.GasCost.SSTORE_CLEARS_REFUND;
import static io.evmsim.evm.fork.GasCost.SSTORE_RESET;
import static io.evmsim.evm.fork.GasCost.SSTORE_SENTRY;
import static io.evmsim.evm.fork.GasCost.SSTORE_SET;
import static io.evmsim.evm.fork.GasCost.WARM_STORAGE_READ;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.GasSchedule;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.StorageSlot;

/**
 * SLOAD, SSTORE (EIP-2200, EIP-2929, EIP-3529) and TLOAD, TSTORE (EIP-1153), at the fork's
 * prices ({@link io.evmsim.evm.fork.GasCost}).
 */
final class StorageOps {
    private StorageOps() {
    }

    static void sload(Frame f) {
        UInt256 key = f.pop();
        JournaledState state = f.evm.state;
        StorageSlot slot = state.slot(f.account, key);
        if (!f.charge(f.evm.gas.cost(state.warmSlot(slot) ? COLD_SLOAD : WARM_STORAGE_READ))) {
            return;
        }
        f.push(slot.current());
    }

    static void sstore(Frame f) {
        if (f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        GasSchedule gas = f.evm.gas;
        if (f.gas <= gas.cost(SSTORE_SENTRY)) {
            f.halt(HaltReason.OUT_OF_GAS);
            return;
        }
        UInt256 key = f.pop();
        UInt256 value = f.pop();
        JournaledState state = f.evm.state;
        StorageSlot slot = state.slot(f.account, key);
        long cost = state.warmSlot(slot) ? gas.cost(COLD_SLOAD) : 0;
        UInt256 original = slot.original();
        UInt256 current = slot.current();
        long warmRead = gas.cost(WARM_STORAGE_READ);
        long refund = 0;
        if (value.equals(current)) {
            cost += warmRead;
        } else if (original.equals(current)) {
            if (original.isZero()) {
                cost += gas.cost(SSTORE_SET);
            } else {
                cost += gas.cost(SSTORE_RESET);
                if (value.isZero()) {
                    refund += gas.cost(SSTORE_CLEARS_REFUND);
                }
            }
        } else {
            cost += warmRead;
            if (!original.isZero()) {
                if (current.isZero()) {
                    refund -= gas.cost(SSTORE_CLEARS_REFUND);
                } else if (value.isZero()) {
                    refund += gas.cost(SSTORE_CLEARS_REFUND);
                }
            }
            if (original.equals(value)) {
                refund += (original.isZero() ? gas.cost(SSTORE_SET) : gas.cost(SSTORE_RESET)) - warmRead;
            }
        }
        if (!f.charge(cost)) {
            return;
        }
        if (refund != 0) {
            state.addRefund(refund);
        }
        state.setStorage(slot, value);
    }

    static void tload(Frame f) {
        UInt256 key = f.pop();
        f.push(f.evm.state.transientValue(f.message.recipient(), key));
    }

    static void tstore(Frame f) {
        if (f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        UInt256 key = f.pop();
        UInt256 value = f.pop();
        f.evm.state.setTransientValue(f.message.recipient(), key, value);
    }
}
