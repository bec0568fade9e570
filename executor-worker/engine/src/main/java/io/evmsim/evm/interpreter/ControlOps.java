package io.evmsim.evm.interpreter;

/** The ends of a frame: RETURN and REVERT. */
final class ControlOps {
    private ControlOps() {
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
