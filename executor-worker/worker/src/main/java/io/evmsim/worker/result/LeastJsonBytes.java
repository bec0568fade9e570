package io.evmsim.worker.result;

import io.evmsim.common.simulation.ResultPart;
import io.evmsim.evm.simulation.DecodedLog;
import io.evmsim.evm.simulation.FrameGas;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.trace.call.CallFrame;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The fewest bytes a result's JSON can take, counted from what the engine produced before a node of it
 * is built: a result that cannot fit the result-size limit is refused without first taking several
 * times its size in memory as a tree of nodes (a transaction's gas pays for 100,000 calls: 27 MB of JSON,
 * and a tree of over 300 MB). Every figure is a lower bound, so nothing that fits is refused.
 */
public final class LeastJsonBytes {
    /** A call frame's names and punctuation: {@code {"type":"","from":"0x<40 digits>","gas":,"gasUsed":,"input":"0x"},}. */
    static final int CALL_FRAME = 95;
    /** {@code ,"to":"0x<40 digits>"}, {@code ,"value":"0x"}, {@code ,"output":"0x"} and {@code ,"calls":[]}. */
    static final int TO = 48;
    static final int VALUE = 13;
    static final int OUTPUT = 14;
    static final int CALLS = 11;
    /** A frame's entry in {@code gas.frames}: {@code {"depth":,"type":"","to":,"gas":,"gasUsed":},}. */
    static final int GAS_FRAME = 43;
    /** A log: {@code {"address":"0x<40 digits>","topics":[],"data":"0x"}}, a comma; a topic is 69 more. */
    static final int LOG = 61;
    static final int TOPIC = 69;

    private LeastJsonBytes() {
    }

    /** A call tree: each frame, its input and output in hex (two digits a byte). */
    public static long callTree(CallFrame root) {
        long bytes = 0;
        Deque<CallFrame> frames = new ArrayDeque<>();
        frames.push(root);
        while (!frames.isEmpty()) {
            CallFrame frame = frames.pop();
            bytes += CALL_FRAME + frame.type().name().length() + digits(frame.gas()) + digits(frame.gasUsed())
                    + 2L * frame.input().length;
            if (frame.to() != null) {
                bytes += TO;
            }
            if (frame.value() != null) {
                bytes += VALUE + Math.max(1, (frame.value().bitLength() + 3) / 4);
            }
            if (frame.output() != null) {
                bytes += OUTPUT + 2L * frame.output().length;
            }
            if (!frame.calls().isEmpty()) {
                bytes += CALLS;
            }
            frame.calls().forEach(frames::push);
        }
        return bytes;
    }

    /**
     * A transaction's result document ({@link TransactionDocument}) with the {@code include}d parts: return data,
     * logs, call tree, gas frames.
     */
    public static long transaction(TransactionSimulation simulation, Set<ResultPart> include) {
        if (simulation.result() == null || !simulation.result().isValid()) {
            return 0;
        }
        long bytes = 2L * simulation.result().output().length;
        if (include.contains(ResultPart.LOGS)) {
            for (DecodedLog log : simulation.logs()) {
                bytes += LOG + (long) TOPIC * log.log().topics().size() + 2L * log.log().data().length;
            }
        }
        if (simulation.callTree() != null && include.contains(ResultPart.CALL_TREE)) {
            bytes += callTree(simulation.callTree());
        }
        if (include.contains(ResultPart.GAS)) {
            for (FrameGas frame : simulation.gas().frames()) {
                bytes += GAS_FRAME + digits(frame.depth()) + frame.type().name().length()
                        + (frame.to() == null ? 4 : 44) + digits(frame.gas()) + digits(frame.gasUsed());
            }
        }
        return bytes;
    }

    /** The decimal digits of a count, gas or depth (never negative). */
    private static int digits(long value) {
        int digits = 1;
        for (long rest = value; rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
