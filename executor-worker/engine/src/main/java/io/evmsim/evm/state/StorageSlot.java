package io.evmsim.evm.state;

import io.evmsim.common.types.UInt256;

/** One storage slot: its value at the start of the transaction (EIP-2200's original), now, and warmth. */
public final class StorageSlot {
    UInt256 original;
    UInt256 current;
    boolean warm;
    /** Whether {@code current} was ever written in this execution. */
    boolean written;

    StorageSlot(UInt256 value) {
        this.original = value;
        this.current = value;
    }

    public UInt256 original() {
        return original;
    }

    public UInt256 current() {
        return current;
    }

    public boolean isWritten() {
        return written;
    }
}
