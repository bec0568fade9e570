package io.evmsim.evm.cli;

import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.opcode.Opcodes;
import io.evmsim.evm.trace.ExecutionTracer;
import java.io.PrintStream;

/** EIP-3155 style step lines: pc, op, gas, stack, depth, memory size. */
final class JsonStepTracer implements ExecutionTracer {
    private final PrintStream out;

    JsonStepTracer(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        StringBuilder line = new StringBuilder(128);
        line.append("{\"pc\":").append(frame.pc())
                .append(",\"op\":").append(opcode)
                .append(",\"gas\":\"0x").append(Long.toHexString(frame.gas())).append('"')
                .append(",\"memSize\":").append(frame.memory().size())
                .append(",\"stack\":[");
        for (int i = frame.stackSize() - 1; i >= 0; i--) {
            line.append('"').append(frame.peek(i).toQuantity()).append('"');
            if (i > 0) {
                line.append(',');
            }
        }
        line.append("],\"depth\":").append(frame.depth() + 1)
                .append(",\"opName\":\"").append(Opcodes.name(opcode)).append("\"}");
        out.println(line);
    }
}
