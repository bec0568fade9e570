package io.evmsim.evm.interpreter;

import io.evmsim.evm.fork.GasCost;
import io.evmsim.evm.word.WordBits;

/** EXP, the one arithmetic instruction with a dynamic cost. */
final class ArithmeticOps {
    private ArithmeticOps() {
    }

    static void exp(Frame f, long[] s, int a, int b) {
        if (!f.charge(f.evm.gas.cost(GasCost.EXP_BYTE) * WordBits.byteLength(s, b))) {
            return;
        }
        WordBits.exp(s, a, b);
        f.sp--;
    }
}
