package io.evmsim.worker.result;

import io.evmsim.evm.simulation.DecodedLog;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.trace.call.CallFrame;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The fewest bytes a result's JSON can take, counted from what the engine produced before a node of it
 * is built: a result that cannot fit the result-size limit is refused without first taking several
 * times its size in memory as a tree of nodes (a transaction's gas pays for 100,000 calls, whose call
 * tree alone is over 15 MB of JSON). Every figure is a lower bound, so nothing that fits is refused.
 */
public final class LeastJsonBytes {
    /** A call frame: {@code {"type":"CALL","from":"0x<40 digits>","gas":0,"gasUsed":0,"input":"0x"}}, a comma. */
    static final int CALL_FRAME = 98;
    /** A frame's entry in {@code gas.frames}: {@code {"depth":0,"type":"CALL","gas":0,"gasUsed":0}}, a comma. */
    static final int GAS_FRAME = 50;
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
            bytes += CALL_FRAME + 2L * frame.input().length + (frame.output() == null ? 0 : 2L * frame.output().length);
            frame.calls().forEach(frames::push);
        }
        return bytes;
    }

    /** A transaction's result document ({@link TransactionDocument}): return data, logs, call tree, gas frames. */
    public static long transaction(TransactionSimulation simulation) {
        if (simulation.result() == null || !simulation.result().isValid()) {
            return 0;
        }
        long bytes = 2L * simulation.result().output().length;
        for (DecodedLog log : simulation.logs()) {
            bytes += LOG + (long) TOPIC * log.log().topics().size() + 2L * log.log().data().length;
        }
        if (simulation.callTree() != null) {
            bytes += callTree(simulation.callTree());
        }
        return bytes + (long) GAS_FRAME * simulation.gas().frames().size();
    }
}
