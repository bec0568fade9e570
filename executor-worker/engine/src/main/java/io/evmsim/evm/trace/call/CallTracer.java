package io.evmsim.evm.trace.call;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.interpreter.CallKind;
import io.evmsim.evm.interpreter.CallRejection;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.opcode.OpcodeSet;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.GethText;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the call tree of one transaction with the semantics of geth's {@code callTracer}
 * ({@code eth/tracers/native/call.go}): a node for every call, creation and SELFDESTRUCT, including
 * precompile calls, calls to accounts without code and calls rejected before they start (depth,
 * balance); the top node carries the transaction's gas limit and gas used; a failed frame's logs,
 * and those of every frame below it, are dropped, as {@code withLog} shows them.
 */
public final class CallTracer implements ExecutionTracer {
    private static final byte[] NONE = new byte[0];

    private final boolean onlyTopCall;
    private final ArrayDeque<CallFrame> open = new ArrayDeque<>();
    private CallFrame root;
    private long gasLimit = -1;

    public CallTracer() {
        this(false);
    }

    /** @param onlyTopCall geth's {@code onlyTopCall}: no sub-calls, and only the top frame's own logs */
    public CallTracer(boolean onlyTopCall) {
        this.onlyTopCall = onlyTopCall;
    }

    /** The root of the tree, or null when no frame ran (an invalid transaction). */
    public CallFrame root() {
        return root;
    }

    @Override
    public void onTransactionStart(EvmTransaction tx, BlockContext block) {
        gasLimit = tx.gasLimit();
    }

    @Override
    public void onTransactionEnd(EvmTransaction tx, TransactionResult result) {
        if (root != null) {
            root.gasUsed(result.gasUsed());
        }
    }

    /** Frames make the call tree: no instruction is looked at. */
    @Override
    public OpcodeSet steps() {
        return OpcodeSet.NONE;
    }

    @Override
    public void onFrameStart(Message message) {
        if (message.depth() > 0 && (onlyTopCall || open.isEmpty())) {
            return;
        }
        CallFrame frame = newFrame(message);
        if (message.depth() == 0) {
            if (gasLimit >= 0) {
                frame.gasLimit(gasLimit);
            }
            root = frame;
        }
        open.push(frame);
    }

    @Override
    public void onHalt(Frame frame) {
        CallFrame top = open.peek();
        if (top != null && frame.depth() == open.size() - 1) {
            top.haltDetail = GethText.halt(frame);
        }
    }

    @Override
    public void onFrameEnd(Message message, FrameResult result) {
        if (message.depth() > 0 && (onlyTopCall || open.size() <= 1)) {
            return;
        }
        CallFrame frame = open.pop();
        frame.gasUsed(message.gas() - result.gasLeft());
        String error = GethText.error(result);
        if (result.halt() != null && frame.haltDetail != null) {
            error = frame.haltDetail;
        }
        frame.finish(result.output(), error, result.halt());
        if (open.isEmpty()) {
            dropFailedLogs(frame, false);
        } else {
            open.peek().addCall(frame);
        }
    }

    @Override
    public void onCallRejected(Message message, CallRejection reason) {
        CallFrame frame = newFrame(message);
        frame.finish(NONE, reason.description(), null);
        if (message.depth() == 0) {
            root = frame;
        } else if (!onlyTopCall && !open.isEmpty()) {
            open.peek().addCall(frame);
        }
    }

    @Override
    public void onLog(Log log) {
        CallFrame frame = open.peek();
        if (frame == null || (onlyTopCall && open.size() > 1)) {
            return;
        }
        frame.addLog(new CallLog(log.address(), log.topics(), log.data(), frame.callCount(), -1));
    }

    @Override
    public void onSelfDestruct(Address contract, Address beneficiary, UInt256 balance) {
        if (onlyTopCall || open.isEmpty()) {
            return;
        }
        CallFrame frame = new CallFrame(CallType.SELFDESTRUCT, contract, beneficiary, balance, 0, NONE);
        frame.finish(NONE, null, null);
        open.peek().addCall(frame);
    }

    /** geth's OnEnter: who calls whom, in the words of the opcode that made the frame. */
    private static CallFrame newFrame(Message message) {
        CallType type = CallType.of(message.kind());
        byte[] input = type.isCreate() ? message.code().bytes() : message.input();
        Address from = switch (message.kind()) {
            case DELEGATECALL, CALLCODE -> message.recipient(); // the contract running the instruction
            default -> message.caller();
        };
        Address to = switch (message.kind()) {
            case DELEGATECALL, CALLCODE -> message.codeAddress();
            default -> message.recipient();
        };
        UInt256 value = message.kind() == CallKind.STATICCALL ? null : message.value();
        return new CallFrame(type, from, to, value, message.gas(), input);
    }

    /** geth's {@code clearFailedLogs}, then each kept log's index in the receipt, in emission order. */
    private static void dropFailedLogs(CallFrame root, boolean parentFailed) {
        dropFailed(root, parentFailed);
        number(root, new int[1]);
    }

    private static void dropFailed(CallFrame frame, boolean parentFailed) {
        boolean failed = parentFailed || frame.failed();
        if (failed) {
            frame.replaceLogs(List.of());
        }
        for (CallFrame child : frame.calls()) {
            dropFailed(child, failed);
        }
    }

    private static void number(CallFrame frame, int[] next) {
        List<CallLog> numbered = new ArrayList<>(frame.logs().size());
        int logIndex = 0;
        List<CallFrame> calls = frame.calls();
        for (int call = 0; call <= calls.size(); call++) {
            while (logIndex < frame.logs().size() && frame.logs().get(logIndex).position() == call) {
                CallLog log = frame.logs().get(logIndex++);
                numbered.add(new CallLog(log.address(), log.topics(), log.data(), log.position(), next[0]++));
            }
            if (call < calls.size()) {
                number(calls.get(call), next);
            }
        }
        frame.replaceLogs(numbered);
    }
}
