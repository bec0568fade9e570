package io.evmsim.evm.interpreter;

import io.evmsim.evm.fork.GasSchedule;

/**
 * The stacks and memories of the frames of one execution, one of each per call depth, kept by the
 * thread between transactions: a frame reuses its depth's buffers (memory cleared as far as the last
 * frame wrote it) instead of allocating a 32 KiB stack and growing a memory from 1 KiB again, which a
 * memory-heavy program pays by copying its memory at every doubling. An execution takes the thread's
 * buffers and gives them back when its top frame ends; an execution on the same thread meanwhile
 * (none does today) or one that ends by an exception simply works with fresh ones.
 */
final class FrameBuffers {
    /** A memory grown past this is not kept: the largest fits a 100,000,000-gas transaction's reach. */
    private static final int MAX_KEPT_MEMORY = 16 << 20;
    private static final ThreadLocal<FrameBuffers> KEPT = new ThreadLocal<>();

    private final GasSchedule gas;
    private final long[][] stacks = new long[Evm.MAX_CALL_DEPTH + 1][];
    private final Memory[] memories = new Memory[Evm.MAX_CALL_DEPTH + 1];
    /** Above the deepest depth that has buffers. */
    private int used;

    private FrameBuffers(GasSchedule gas) {
        this.gas = gas;
    }

    /** The thread's buffers priced by this schedule, now the caller's until {@link #release}. */
    static FrameBuffers take(GasSchedule gas) {
        FrameBuffers kept = KEPT.get();
        if (kept == null || kept.gas != gas) {
            return new FrameBuffers(gas);
        }
        KEPT.remove();
        return kept;
    }

    /** Gives the buffers back to the thread once no frame uses them. */
    void release() {
        for (int depth = 0; depth < used; depth++) {
            if (memories[depth] != null && memories[depth].capacity() > MAX_KEPT_MEMORY) {
                memories[depth] = new Memory(gas);
            }
        }
        KEPT.set(this);
    }

    long[] stack(int depth) {
        long[] stack = stacks[depth];
        if (stack == null) {
            stack = new long[Frame.MAX_STACK * 4];
            stacks[depth] = stack;
            memories[depth] = new Memory(gas);
            used = Math.max(used, depth + 1);
        }
        return stack;
    }

    /** The depth's memory, empty; after {@link #stack} for the same depth. */
    Memory memory(int depth) {
        Memory memory = memories[depth];
        memory.reset();
        return memory;
    }
}
