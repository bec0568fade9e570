package io.evmsim.evm.interpreter;

import io.evmsim.evm.word.WordBits;

/** EXP, the one arithmetic instruction with a dynamic cost. */
final class ArithmeticOps {
    /** EIP-160: 50 gas per byte of the exponent. */
    private static final long EXP_BYTE_GAS = 50;

    private ArithmeticOps() {
    }

    static void exp(Frame f, long[] s, int a, int b) {
        if (!f.charge(EXP_BYTE_GAS * WordBits.byteLength(s, b))) {
            return;
        }
        WordBits.exp(s, a, b);
        f.sp--;
    }
}
