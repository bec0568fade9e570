package io.evmsim.evm.interpreter;

import io.evmsim.common.types.Hash;
import io.evmsim.evm.fork.GasCost;
import io.evmsim.evm.state.Log;
import java.util.ArrayList;
import java.util.List;

/** LOG0..LOG4: G_log (the static gas), then per topic and per data byte at the fork's prices. */
final class LogOps {
    private LogOps() {
    }

    static void log(Frame f, int topicCount) {
        // the topics are priced with the static gas, before anything else the instruction checks
        if (!f.charge(f.evm.gas.cost(GasCost.LOG_TOPIC) * topicCount)) {
            return;
        }
        if (f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        long offset = f.popClamped();
        long length = f.popClamped();
        List<Hash> topics = new ArrayList<>(topicCount);
        for (int i = 0; i < topicCount; i++) {
            byte[] topic = new byte[32];
            f.writeWord(f.top(), topic, 0);
            f.sp--;
            topics.add(Hash.wrap(topic));
        }
        long dataGas = length >= Memory.MAX_SIZE ? Long.MAX_VALUE : f.evm.gas.cost(GasCost.LOG_DATA_BYTE) * length;
        if (!f.charge(dataGas) || !f.chargeMemory(offset, length)) {
            return;
        }
        Log log = new Log(f.message.recipient(), List.copyOf(topics), f.memory.copyOf(offset, length));
        f.evm.state.addLog(log);
        if (f.evm.tracer != null) {
            f.evm.tracer.onLog(log);
        }
    }
}
