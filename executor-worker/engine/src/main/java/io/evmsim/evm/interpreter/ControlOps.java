package io.evmsim.evm.interpreter;

/** Jumps, PUSH, SWAP, and the ends of a frame (RETURN, REVERT). */
final class ControlOps {
    private ControlOps() {
    }

    static void jump(Frame f) {
        long destination = f.popClamped();
        if (!f.code.isValidJumpDestination(destination)) {
            f.halt(HaltReason.INVALID_JUMP);
            return;
        }
        f.pc = (int) destination;
    }

    static void jumpi(Frame f) {
        long destination = f.popClamped();
        int condition = f.top();
        long[] s = f.stack;
        boolean taken = (s[condition] | s[condition + 1] | s[condition + 2] | s[condition + 3]) != 0;
        f.sp--;
        if (!taken) {
            return;
        }
        if (!f.code.isValidJumpDestination(destination)) {
            f.halt(HaltReason.INVALID_JUMP);
            return;
        }
        f.pc = (int) destination;
    }

    /** PUSHn: n immediate bytes, zero-padded on the right where the code ends. */
    static void push(Frame f, int pc, int n) {
        byte[] code = f.bytecode;
        int start = pc + 1;
        if (start + n <= code.length) {
            if (n <= 8) {
                long value = 0;
                for (int k = start; k < start + n; k++) {
                    value = (value << 8) | (code[k] & 0xff);
                }
                f.pushLong(value);
            } else {
                f.pushBytes(code, start, n);
            }
        } else {
            byte[] padded = new byte[n];
            if (start < code.length) {
                System.arraycopy(code, start, padded, 0, code.length - start);
            }
            f.pushBytes(padded, 0, n);
        }
        f.pc = start + n;
    }

    static void swap(long[] s, int a, int b) {
        for (int i = 0; i < 4; i++) {
            long t = s[a + i];
            s[a + i] = s[b + i];
            s[b + i] = t;
        }
    }

    /** RETURN or REVERT with the memory range as output. */
    static void ret(Frame f, boolean revert) {
        long offset = f.popClamped();
        long length = f.popClamped();
        if (!f.chargeMemory(offset, length)) {
            return;
        }
        f.output = f.memory.copyOf(offset, length);
        f.reverted = revert;
        f.running = false;
    }
}
