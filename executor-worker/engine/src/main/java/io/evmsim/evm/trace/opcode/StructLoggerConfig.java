package io.evmsim.evm.trace.opcode;

/**
 * geth's logger options.
 *
 * @param enableMemory capture memory at each step
 * @param disableStack leave the stack out
 * @param disableStorage leave storage out
 * @param limit the most steps to keep; 0 for no limit
 */
public record StructLoggerConfig(boolean enableMemory, boolean disableStack, boolean disableStorage, int limit) {
    /** geth's defaults: stack and storage, no memory, no limit. */
    public static final StructLoggerConfig DEFAULT = new StructLoggerConfig(false, false, false, 0);
}
