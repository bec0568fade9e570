package io.evmsim.worker.rpc;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulatedBlock;
import io.evmsim.common.simulation.TraceOptions;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.call.CallTracer;
import io.evmsim.evm.trace.opcode.StructLogTrace;
import io.evmsim.evm.trace.opcode.StructLogger;
import io.evmsim.evm.trace.opcode.StructLoggerConfig;
import io.evmsim.evm.trace.prestate.PrestateTracer;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.worker.result.LeastJsonBytes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code debug_traceCall}: the call run with geth's {@code callTracer}, {@code prestateTracer} or,
 * without a tracer name, the opcode logger. A call rejected before execution is an error, as in geth.
 */
final class TraceCall {
    private TraceCall() {
    }

    /**
     * @param maxSteps the opcode logger's ceiling on steps kept, whatever the request's {@code limit}
     * @param maxBytes the ceiling on a trace's JSON: the opcode logger's steps, the call tracer's frames
     */
    static JsonNode answer(RpcRun run, int maxSteps, long maxBytes) {
        TraceOptions options = run.request().rpc().trace();
        return run.attempt(fetched -> {
            JournaledState state = run.state(fetched);
            return trace(run, options, state, run.block(), run.call(), maxSteps, maxBytes);
        });
    }

    /**
     * {@code debug_traceCallMany}: the bundles in order on one state, each call on what the calls
     * before it left, each bundle in its own block (the pinned block's with its overrides); one
     * array of traces per bundle. A call rejected before execution fails the request, as in
     * debug_traceCall. The trace ceilings apply to each trace.
     */
    static JsonNode answerMany(RpcRun run, int maxSteps, long maxBytes) {
        TraceOptions options = run.request().rpc().trace();
        return run.attempt(fetched -> {
            JournaledState state = run.state(fetched);
            ArrayNode bundles = JsonNodeFactory.instance.arrayNode();
            for (SimulatedBlock bundle : run.request().rpc().blocks()) {
                BlockContext block = run.block(bundle.blockOverrides(), bundle.calls());
                ArrayNode traces = bundles.addArray();
                for (CallRequest call : bundle.calls()) {
                    traces.add(trace(run, options, state, block, call, maxSteps, maxBytes));
                }
            }
            return bundles;
        });
    }

    private static JsonNode trace(RpcRun run, TraceOptions options, JournaledState state, BlockContext block,
            CallRequest call, int maxSteps, long maxBytes) {
        if (options.tracer() == null) {
            StructLogger logger = new StructLogger(state, new StructLoggerConfig(options.enableMemory(),
                    options.disableStack(), options.disableStorage(), options.enableReturnData(),
                    options.limit(), maxSteps, maxBytes));
            Executed executed = run.run(run.processor(), state, block, call, logger);
            rejectInvalid(executed, state, block, run.rules());
            StructLogTrace trace = logger.result();
            if (trace.exceeded() != null) {
                throw new RpcError(RpcError.RESPONSE_TOO_LARGE, "response too large: the opcode trace has "
                        + trace.exceeded() + ", this server's limit; pass a \"limit\" of steps to keep, or "
                        + "disableStack, disableStorage, or no enableMemory or enableReturnData");
            }
            return StructLogJson.of(trace);
        }
        return switch (options.tracer()) {
            case TraceOptions.CALL_TRACER -> {
                CallTracer tracer = new CallTracer(options.onlyTopCall());
                Executed executed = run.run(run.processor(), state, block, call, tracer);
                rejectInvalid(executed, state, block, run.rules());
                long leastBytes = LeastJsonBytes.callTree(tracer.root());
                if (leastBytes > maxBytes) {
                    throw new RpcError(RpcError.RESPONSE_TOO_LARGE, "response too large: the call trace takes at"
                            + " least " + leastBytes + " bytes of JSON, more than this server's limit of "
                            + maxBytes + " bytes");
                }
                yield CallTraceJson.of(tracer.root(), options.withLog());
            }
            case TraceOptions.PRESTATE_TRACER -> {
                PrestateTracer tracer = new PrestateTracer(state);
                Executed executed = run.run(run.processor(), state, block, call, tracer);
                rejectInvalid(executed, state, block, run.rules());
                yield options.diffMode() ? PrestateJson.diff(tracer.diff()) : PrestateJson.of(tracer.prestate());
            }
            default -> throw new RpcError(RpcError.INVALID_PARAMS, "unknown tracer " + options.tracer());
        };
    }

    private static void rejectInvalid(Executed executed, JournaledState state, BlockContext block, ForkRules rules) {
        TransactionResult result = executed.result();
        if (!result.isValid()) {
            throw new RpcError(RpcError.SERVER_ERROR,
                    CallFailures.invalidMessage(result.invalid(), executed.tx(), state, block, rules));
        }
    }
}
