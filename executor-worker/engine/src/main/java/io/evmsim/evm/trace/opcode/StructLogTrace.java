package io.evmsim.evm.trace.opcode;

import java.util.List;

/**
 * geth's default tracer result: {@code gas}, {@code failed}, {@code returnValue} and the steps.
 *
 * @param gas the transaction's gas used
 * @param failed whether the top frame reverted or halted
 * @param returnValue return data or revert data
 * @param exceeded the ceiling the trace ran past ({@link StructLoggerConfig#maxSteps} or
 *     {@link StructLoggerConfig#maxBytes}, execution stopped there: the trace is not a result), or null
 */
public record StructLogTrace(long gas, boolean failed, byte[] returnValue, List<StructLog> structLogs,
        String exceeded) {
}
