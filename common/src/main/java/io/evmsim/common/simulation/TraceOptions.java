package io.evmsim.common.simulation;

/**
 * debug_traceCall's tracer choice, with geth's option names.
 *
 * @param tracer {@code callTracer}, {@code prestateTracer}, or null for the default opcode logger
 * @param onlyTopCall callTracer: the top call only
 * @param withLog callTracer: the logs of each frame
 * @param diffMode prestateTracer: the state before and after, changed accounts only
 * @param disableStorage opcode logger: no storage per step
 * @param disableStack opcode logger: no stack per step
 * @param enableMemory opcode logger: memory per step
 * @param enableReturnData opcode logger: return data per step
 * @param limit opcode logger: the first steps to keep, 0 for all (within the worker's ceilings)
 */
public record TraceOptions(String tracer, boolean onlyTopCall, boolean withLog, boolean diffMode,
        boolean disableStorage, boolean disableStack, boolean enableMemory, boolean enableReturnData, int limit) {

    public static final String CALL_TRACER = "callTracer";
    public static final String PRESTATE_TRACER = "prestateTracer";
}
