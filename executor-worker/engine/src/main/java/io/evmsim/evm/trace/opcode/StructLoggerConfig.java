package io.evmsim.evm.trace.opcode;

/**
 * geth's logger options, and the ceilings that bound what one trace may hold.
 *
 * @param enableMemory capture memory at each step
 * @param disableStack leave the stack out
 * @param disableStorage leave storage out
 * @param enableReturnData capture the return data of the frame's last call at each step
 * @param limit the most steps to keep, the rest left out without an error; 0 for no limit (geth before
 *     1.14, anvil and reth count steps; geth 1.14 counts the output's bytes)
 * @param maxSteps the most steps a trace may hold: past it the trace {@linkplain StructLogTrace#exceeded()
 *     fails} and execution stops
 * @param maxBytes the most its JSON may take, as {@link StructLogger} estimates it (at most the real size
 *     plus a few bytes per step): past it the trace fails and execution stops
 */
public record StructLoggerConfig(boolean enableMemory, boolean disableStack, boolean disableStorage,
        boolean enableReturnData, int limit, int maxSteps, long maxBytes) {
    /** geth's defaults: stack and storage, no memory, no return data, no limit, no ceiling. */
    public static final StructLoggerConfig DEFAULT = new StructLoggerConfig(false, false, false, false, 0,
            Integer.MAX_VALUE, Long.MAX_VALUE);

    public StructLoggerConfig {
        if (limit < 0 || maxSteps < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit must be >= 0 and the ceilings > 0, got " + limit + ", "
                    + maxSteps + " and " + maxBytes);
        }
    }
}
