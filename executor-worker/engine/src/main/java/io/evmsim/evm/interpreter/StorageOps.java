package io.evmsim.evm.interpreter;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.StorageSlot;

/** SLOAD, SSTORE (EIP-2200, EIP-2929, EIP-3529) and TLOAD, TSTORE (EIP-1153). */
final class StorageOps {
    static final long WARM_READ = 100;
    static final long COLD_SLOAD = 2100;
    private static final long SSTORE_SET = 20_000;
    /** EIP-2929: SSTORE_RESET minus the cold surcharge. */
    private static final long SSTORE_RESET = 5000 - COLD_SLOAD;
    /** EIP-3529: SSTORE_RESET - COLD_SLOAD + ACCESS_LIST_STORAGE_KEY_COST. */
    private static final long CLEARS_REFUND = 4800;
    /** EIP-2200: SSTORE fails when no more than the call stipend is left. */
    private static final long SENTRY = 2300;

    private StorageOps() {
    }

    static void sload(Frame f) {
        UInt256 key = f.pop();
        JournaledState state = f.evm.state;
        StorageSlot slot = state.slot(f.account, key);
        if (!f.charge(state.warmSlot(slot) ? COLD_SLOAD : WARM_READ)) {
            return;
        }
        f.push(slot.current());
    }

    static void sstore(Frame f) {
        if (f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        if (f.gas <= SENTRY) {
            f.halt(HaltReason.OUT_OF_GAS);
            return;
        }
        UInt256 key = f.pop();
        UInt256 value = f.pop();
        JournaledState state = f.evm.state;
        StorageSlot slot = state.slot(f.account, key);
        long cost = state.warmSlot(slot) ? COLD_SLOAD : 0;
        UInt256 original = slot.original();
        UInt256 current = slot.current();
        long refund = 0;
        if (value.equals(current)) {
            cost += WARM_READ;
        } else if (original.equals(current)) {
            if (original.isZero()) {
                cost += SSTORE_SET;
            } else {
                cost += SSTORE_RESET;
                if (value.isZero()) {
                    refund += CLEARS_REFUND;
                }
            }
        } else {
            cost += WARM_READ;
            if (!original.isZero()) {
                if (current.isZero()) {
                    refund -= CLEARS_REFUND;
                } else if (value.isZero()) {
                    refund += CLEARS_REFUND;
                }
            }
            if (original.equals(value)) {
                refund += original.isZero() ? SSTORE_SET - WARM_READ : SSTORE_RESET - WARM_READ;
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
