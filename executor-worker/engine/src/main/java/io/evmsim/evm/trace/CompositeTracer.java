package io.evmsim.evm.trace;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.interpreter.CallRejection;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.opcode.OpcodeSet;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.ArrayList;
import java.util.List;

/** Several tracers on the engine's one hook, each told every event in the order given. */
public final class CompositeTracer implements ExecutionTracer {
    private final ExecutionTracer[] tracers;
    /** Each tracer's {@link ExecutionTracer#steps()}, and their union. */
    private final OpcodeSet[] stepsOf;
    private final OpcodeSet steps;

    public CompositeTracer(List<? extends ExecutionTracer> tracers) {
        this.tracers = tracers.toArray(new ExecutionTracer[0]);
        this.stepsOf = new OpcodeSet[this.tracers.length];
        OpcodeSet union = OpcodeSet.NONE;
        for (int i = 0; i < this.tracers.length; i++) {
            stepsOf[i] = this.tracers[i].steps();
            union = union.union(stepsOf[i]);
        }
        this.steps = union;
    }

    /**
     * The tracers given that are not null as one hook: null when there is none (the interpreter
     * then skips every hook), the tracer itself when there is one, else a composite of them in order.
     */
    public static ExecutionTracer of(ExecutionTracer... tracers) {
        List<ExecutionTracer> attached = new ArrayList<>(tracers.length);
        for (ExecutionTracer tracer : tracers) {
            if (tracer != null) {
                attached.add(tracer);
            }
        }
        return switch (attached.size()) {
            case 0 -> null;
            case 1 -> attached.getFirst();
            default -> new CompositeTracer(attached);
        };
    }

    @Override
    public void onTransactionStart(EvmTransaction tx, BlockContext block) {
        for (ExecutionTracer t : tracers) {
            t.onTransactionStart(tx, block);
        }
    }

    @Override
    public void onTransactionEnd(EvmTransaction tx, TransactionResult result) {
        for (ExecutionTracer t : tracers) {
            t.onTransactionEnd(tx, result);
        }
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        for (int i = 0; i < tracers.length; i++) {
            if (stepsOf[i].contains(opcode)) {
                tracers[i].onStep(frame, opcode);
            }
        }
    }

    @Override
    public OpcodeSet steps() {
        return steps;
    }

    @Override
    public void onFrameStart(Message message) {
        for (ExecutionTracer t : tracers) {
            t.onFrameStart(message);
        }
    }

    @Override
    public void onFrameEnd(Message message, FrameResult result) {
        for (ExecutionTracer t : tracers) {
            t.onFrameEnd(message, result);
        }
    }

    @Override
    public void onCallRejected(Message message, CallRejection reason) {
        for (ExecutionTracer t : tracers) {
            t.onCallRejected(message, reason);
        }
    }

    @Override
    public void onHalt(Frame frame) {
        for (ExecutionTracer t : tracers) {
            t.onHalt(frame);
        }
    }

    @Override
    public void onLog(Log log) {
        for (ExecutionTracer t : tracers) {
            t.onLog(log);
        }
    }

    @Override
    public void onSelfDestruct(Address contract, Address beneficiary, UInt256 balance) {
        for (ExecutionTracer t : tracers) {
            t.onSelfDestruct(contract, beneficiary, balance);
        }
    }
}
