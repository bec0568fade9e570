package io.evmsim.evm.trace.opcode;

import static io.evmsim.evm.opcode.Opcodes.SLOAD;
import static io.evmsim.evm.opcode.Opcodes.SSTORE;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.CallRejection;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.HaltReason;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.GethText;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * geth's default opcode logger ({@code eth/tracers/logger}): a step per instruction with pc, op,
 * gas, gas cost, depth, stack, optional memory, the storage SLOAD and SSTORE have seen, and the
 * refund counter. A step's cost is known once the instruction is done: at the frame's next step,
 * when the frame it starts begins (a call's cost includes the gas it hands over, as geth's does),
 * or when its frame ends.
 *
 * <p>What it keeps is bounded ({@link StructLoggerConfig#maxSteps}, {@link StructLoggerConfig#maxBytes}):
 * before a step is kept, its share of the trace's JSON is estimated from what it would capture (a
 * fixed part, then each stack word's hex digits, {@value #WORD_BYTES} bytes per memory word,
 * {@value #SLOT_BYTES} per storage slot, two per byte of return data); a step past either ceiling is not captured, the trace is
 * {@linkplain StructLogTrace#exceeded() exceeded} and every frame is interrupted, so the transaction ends at once.
 * In memory a kept step takes less than its estimate (a word is 32 bytes plus an object header).
 */
public final class StructLogger implements ExecutionTracer {
    /** A step's JSON apart from its lists, {@code {"pc":..,"op":"..","gas":..,"gasCost":..,"depth":..}}, at most about. */
    static final int STEP_BYTES = 80;
    /** A stack word's {@code "0x"}, quotes and comma, beside its hex digits. */
    static final int QUANTITY_BYTES = 5;
    /** A list's or object's name and brackets. */
    static final int LIST_BYTES = 16;
    /** A word as a quoted {@code 0x} hex string and its comma. */
    static final int WORD_BYTES = 69;
    /** A storage slot: its key and value as quoted {@code 0x} hex strings. */
    static final int SLOT_BYTES = 2 * WORD_BYTES;

    private final JournaledState state;
    private final StructLoggerConfig config;
    private final List<StructLog> logs = new ArrayList<>();
    /** Per depth: the step whose cost is not yet known, and the frame it ran in. */
    private final ArrayList<Pending> pending = new ArrayList<>();
    private final Map<Address, TreeMap<UInt256, UInt256>> storage = new HashMap<>();
    private StructLogTrace result;
    private long estimatedBytes;
    private String exceeded;

    private record Pending(int index, Frame frame) {
    }

    public StructLogger(JournaledState state, StructLoggerConfig config) {
        this.state = state;
        this.config = config;
    }

    /** The trace, once the transaction has ended; null before, or for an invalid transaction. */
    public StructLogTrace result() {
        return result;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        int depth = frame.depth();
        settle(depth, frame.gas());
        if (exceeded != null) {
            frame.interrupt(); // a caller frame, resuming after the interrupted one failed
            return;
        }
        if (config.limit() > 0 && logs.size() >= config.limit()) {
            return;
        }
        if (logs.size() >= config.maxSteps()) {
            stop(frame, "more than " + config.maxSteps() + " steps");
            return;
        }
        UInt256[] stack = null;
        if (!config.disableStack()) {
            stack = new UInt256[frame.stackSize()];
            for (int i = 0; i < stack.length; i++) {
                stack[i] = frame.peek(stack.length - 1 - i);
            }
        }
        boolean storageStep = !config.disableStorage() && (opcode == SLOAD || opcode == SSTORE)
                && frame.stackSize() >= 1;
        long bytes = estimate(frame, stack, storageStep);
        if (estimatedBytes + bytes > config.maxBytes()) {
            stop(frame, "more than " + config.maxBytes() + " bytes of JSON");
            return;
        }
        estimatedBytes += bytes;
        byte[] memory = config.enableMemory() ? Arrays.copyOf(frame.memory().data(), frame.memory().size()) : null;
        byte[] returnData = config.enableReturnData() ? frame.returnData().clone() : null;
        SortedMap<UInt256, UInt256> seen = storageStep ? storageStep(frame, opcode) : null;
        logs.add(new StructLog(frame.pc(), GethText.opcodeName(opcode), frame.gas(), 0, depth + 1, stack, memory,
                returnData, seen, state.refund(), null));
        while (pending.size() <= depth) {
            pending.add(null);
        }
        pending.set(depth, new Pending(logs.size() - 1, frame));
    }

    /** The step's share of the trace's JSON: about what it will take, the memory it will copy not yet copied. */
    private long estimate(Frame frame, UInt256[] stack, boolean storageStep) {
        long bytes = STEP_BYTES;
        if (stack != null) {
            bytes += LIST_BYTES;
            for (UInt256 word : stack) {
                bytes += QUANTITY_BYTES + Math.max(1, (word.bitLength() + 3) / 4); // "0x..", quoted, and a comma
            }
        }
        if (config.enableMemory()) {
            bytes += LIST_BYTES + (long) WORD_BYTES * (frame.memory().size() / 32);
        }
        if (config.enableReturnData()) {
            bytes += LIST_BYTES + 2L * frame.returnData().length;
        }
        if (storageStep) {
            TreeMap<UInt256, UInt256> slots = storage.get(frame.recipient());
            bytes += LIST_BYTES + (long) SLOT_BYTES * ((slots == null ? 0 : slots.size()) + 1);
        }
        return bytes;
    }

    private void stop(Frame frame, String ceiling) {
        exceeded = ceiling;
        frame.interrupt();
    }

    private SortedMap<UInt256, UInt256> storageStep(Frame frame, int opcode) {
        UInt256 key = frame.peek(0);
        UInt256 value;
        if (opcode == SLOAD) {
            value = state.slot(state.account(frame.recipient()), key).current();
        } else if (frame.stackSize() >= 2) {
            value = frame.peek(1);
        } else {
            return null;
        }
        TreeMap<UInt256, UInt256> slots = storage.computeIfAbsent(frame.recipient(), a -> new TreeMap<>());
        slots.put(key, value);
        return new TreeMap<>(slots);
    }

    @Override
    public void onFrameStart(Message message) {
        settleWithFrameGas(message.depth() - 1);
    }

    @Override
    public void onCallRejected(Message message, CallRejection reason) {
        settleWithFrameGas(message.depth() - 1);
    }

    @Override
    public void onHalt(Frame frame) {
        Pending step = pendingAt(frame.depth());
        HaltReason halt = frame.haltReason();
        boolean beforeExecution = halt == HaltReason.OUT_OF_GAS || halt == HaltReason.STACK_UNDERFLOW
                || halt == HaltReason.STACK_OVERFLOW;
        if (step != null && beforeExecution) {
            StructLog log = logs.get(step.index());
            logs.set(step.index(), withCost(log, log.gasCost(), GethText.halt(frame)));
        }
    }

    @Override
    public void onFrameEnd(Message message, FrameResult result) {
        settleWithFrameGas(message.depth());
        if (message.depth() < pending.size()) {
            pending.set(message.depth(), null);
        }
    }

    @Override
    public void onTransactionEnd(EvmTransaction tx, TransactionResult outcome) {
        result = new StructLogTrace(outcome.gasUsed(), !outcome.isSuccess(), outcome.output(), List.copyOf(logs),
                exceeded);
    }

    /** The pending step at {@code depth} cost what its frame had before it minus what it has now. */
    private void settleWithFrameGas(int depth) {
        Pending step = pendingAt(depth);
        if (step != null) {
            settle(depth, step.frame().gas());
        }
    }

    private void settle(int depth, long gasNow) {
        Pending step = pendingAt(depth);
        if (step == null) {
            return;
        }
        pending.set(depth, null);
        StructLog log = logs.get(step.index());
        logs.set(step.index(), withCost(log, Math.max(0, log.gas() - gasNow), log.error()));
    }

    private Pending pendingAt(int depth) {
        return depth >= 0 && depth < pending.size() ? pending.get(depth) : null;
    }

    private static StructLog withCost(StructLog log, long cost, String error) {
        return new StructLog(log.pc(), log.op(), log.gas(), cost, log.depth(), log.stack(), log.memory(),
                log.returnData(), log.storage(), log.refund(), error);
    }
}
