package io.evmsim.evm.interpreter;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.evm.fork.GasCost;

/** Instructions that read and write memory, including the copies into it. */
final class MemoryOps {
    private MemoryOps() {
    }

    static long words(long bytes) {
        return (bytes + 31) >>> 5;
    }

    static void mstore8(Frame f) {
        long offset = f.popClamped();
        long low = f.stack[f.top()];
        f.sp--;
        if (!f.chargeMemory(offset, 1)) {
            return;
        }
        f.memory.data()[(int) offset] = (byte) low;
    }

    /** MCOPY (EIP-5656): copies within memory, overlapping ranges included. */
    static void mcopy(Frame f) {
        long destination = f.popClamped();
        long source = f.popClamped();
        long length = f.popClamped();
        if (length == 0) {
            return;
        }
        if (!f.charge(wordGas(f.evm.gas.cost(GasCost.COPY_WORD), length)) || !f.chargeMemory(Math.max(destination, source), length)) {
            return;
        }
        byte[] data = f.memory.data();
        System.arraycopy(data, (int) source, data, (int) destination, (int) length);
    }

    static void keccak256(Frame f) {
        long offset = f.popClamped();
        long length = f.popClamped();
        if (!f.charge(wordGas(f.evm.gas.cost(GasCost.KECCAK_WORD), length)) || !f.chargeMemory(offset, length)) {
            return;
        }
        byte[] hash = length == 0 ? Keccak.keccak256(new byte[0]) : Keccak.keccak256(f.memory.data(), (int) offset,
                (int) length);
        f.pushBytes(hash, 0, 32);
    }

    /** CALLDATACOPY and CODECOPY: memory offset, source offset, length; zeros past the source. */
    static void copyFrom(Frame f, byte[] source) {
        long destination = f.popClamped();
        long sourceOffset = f.popClamped();
        long length = f.popClamped();
        if (chargeCopy(f, destination, length)) {
            f.memory.writePadded(destination, source, sourceOffset, length);
        }
    }

    static void extCodeCopy(Frame f) {
        Address address = f.popAddress();
        long destination = f.popClamped();
        long sourceOffset = f.popClamped();
        long length = f.popClamped();
        if (!f.charge(f.evm.accountAccessCost(address)) || !chargeCopy(f, destination, length)) {
            return;
        }
        f.memory.writePadded(destination, f.evm.state.account(address).code().bytes(), sourceOffset, length);
    }

    /** RETURNDATACOPY (EIP-211): reading past the return data halts. */
    static void returnDataCopy(Frame f) {
        long destination = f.popClamped();
        long sourceOffset = f.popClamped();
        long length = f.popClamped();
        if (!chargeCopy(f, destination, length)) {
            return;
        }
        int available = f.returnData.length;
        if (length > available || sourceOffset > available - length) { // no overflow: both are >= 0
            f.halt(HaltReason.RETURN_DATA_OUT_OF_BOUNDS);
            return;
        }
        f.memory.writePadded(destination, f.returnData, sourceOffset, length);
    }

    private static boolean chargeCopy(Frame f, long destination, long length) {
        if (length == 0) {
            return true;
        }
        return f.charge(wordGas(f.evm.gas.cost(GasCost.COPY_WORD), length)) && f.chargeMemory(destination, length);
    }

    /** Gas per 32-byte word of a length; saturates for lengths no memory can hold. */
    static long wordGas(long perWord, long length) {
        return length >= Memory.MAX_SIZE ? Long.MAX_VALUE : perWord * words(length);
    }
}
