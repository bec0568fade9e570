package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.TraceOptions;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.opcode.Opcodes;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.GethText;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * geth's default opcode logger ({@code eth/tracers/logger/logger.go}): one entry per executed
 * instruction with pc, op, gas before it, its cost, depth (1 at the top) and, unless disabled, the
 * stack; memory and return data when enabled; for SLOAD and SSTORE the storage the contract has
 * touched so far.
 *
 * <p>An instruction's cost is what the frame paid for it: the gas before it minus the gas before
 * the frame's next instruction, plus what a sub-call it started gave back (so CALL's cost includes
 * the gas it forwarded, as geth reports it).
 */
final class StructLogger implements ExecutionTracer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final TraceOptions options;
    private final JournaledState state;
    private final ArrayNode logs = JSON.arrayNode();
    /** The last instruction of each open frame, by depth, whose cost is not yet known. */
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Address, Map<UInt256, UInt256>> storage = new HashMap<>();

    private record Pending(ObjectNode entry, long gasBefore, long[] returnedByChildren) {
    }

    StructLogger(TraceOptions options, JournaledState state) {
        this.options = options;
        this.state = state;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        int depth = frame.depth();
        settle(depth, frame.gas());
        ObjectNode entry = logs.addObject();
        entry.put("pc", frame.pc());
        entry.put("op", GethText.opcodeName(opcode));
        entry.put("gas", frame.gas());
        entry.put("gasCost", 0);
        entry.put("depth", depth + 1);
        if (!options.disableStack()) {
            ArrayNode stack = entry.putArray("stack");
            for (int i = frame.stackSize() - 1; i >= 0; i--) {
                stack.add(frame.peek(i).toQuantity());
            }
        }
        if (options.enableMemory()) {
            ArrayNode memory = entry.putArray("memory");
            byte[] data = frame.memory().data();
            for (int offset = 0; offset + 32 <= frame.memory().size(); offset += 32) {
                memory.add(HEX.formatHex(data, offset, offset + 32));
            }
        }
        if (!options.disableStorage() && (opcode == Opcodes.SLOAD || opcode == Opcodes.SSTORE)
                && frame.stackSize() >= (opcode == Opcodes.SLOAD ? 1 : 2)) {
            recordStorage(frame, opcode, entry);
        }
        while (pending.size() <= depth) {
            pending.add(null);
        }
        pending.set(depth, new Pending(entry, frame.gas(), new long[1]));
    }

    @Override
    public void onFrameEnd(Message message, FrameResult result) {
        int depth = message.depth();
        settle(depth, result.gasLeft());
        if (depth < pending.size()) {
            pending.set(depth, null);
        }
        if (depth > 0 && depth - 1 < pending.size() && pending.get(depth - 1) != null) {
            pending.get(depth - 1).returnedByChildren()[0] += result.gasLeft();
        }
    }

    @Override
    public void onHalt(Frame frame) {
        Pending last = frame.depth() < pending.size() ? pending.get(frame.depth()) : null;
        if (last != null) {
            last.entry().put("error", GethText.halt(frame));
        }
    }

    ObjectNode result(TransactionResult result) {
        ObjectNode node = JSON.objectNode();
        node.put("gas", result.gasUsed());
        node.put("failed", !result.isSuccess());
        node.put("returnValue", Hex.encode(result.output()));
        node.set("structLogs", logs);
        return node;
    }

    private void settle(int depth, long gasNow) {
        Pending last = depth < pending.size() ? pending.get(depth) : null;
        if (last != null) {
            last.entry().put("gasCost", last.gasBefore() - gasNow + last.returnedByChildren()[0]);
            pending.set(depth, null);
        }
    }

    /** geth shows the contract's storage as this logger has seen it: every slot loaded or stored so far. */
    private void recordStorage(Frame frame, int opcode, ObjectNode entry) {
        Map<UInt256, UInt256> seen = storage.computeIfAbsent(frame.recipient(), a -> new TreeMap<>());
        UInt256 key = frame.peek(0);
        if (opcode == Opcodes.SSTORE) {
            seen.put(key, frame.peek(1));
        } else if (!seen.containsKey(key)) {
            seen.put(key, state.slot(state.account(frame.recipient()), key).current());
        }
        ObjectNode node = entry.putObject("storage");
        seen.forEach((slot, value) -> node.put(HEX.formatHex(slot.toBytes32()), HEX.formatHex(value.toBytes32())));
    }
}
