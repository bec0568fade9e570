package io.evmsim.api.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.api.request.InvalidRequestException;
import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.TraceOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** debug_traceCallMany's parameters as Erigon and reth take them: bundles, a state context, a tracer config. */
class TraceCallManyRequestTest {
    private static final EngineRequests REQUESTS = new EngineRequests(new SimulationLimits(50_000_000L,
            Duration.ofSeconds(5), 100, 300_000, Duration.ofSeconds(10), Duration.ofDays(7)), 256);

    @Test
    void bundlesStateContextAndTracerBecomeOneRequest() {
        SimulationRequest request = prepare("""
                [[{"transactions": [{"from": "0x00000000000000000000000000000000000000a1",
                                     "to": "0x00000000000000000000000000000000000000b2"},
                                    {"to": "0x00000000000000000000000000000000000000b2", "input": "0x01"}]},
                  {"transactions": [{"to": "0x00000000000000000000000000000000000000b2"}],
                   "blockOverride": {"number": "0x1f4"}}],
                 {"blockNumber": "0x10", "transactionIndex": -1},
                 {"tracer": "callTracer", "tracerConfig": {"withLog": true}}]""");
        assertEquals(RpcMethod.DEBUG_TRACE_CALL_MANY, request.rpc().method());
        assertEquals("16", request.block());
        assertEquals(2, request.rpc().blocks().size());
        assertEquals(2, request.rpc().blocks().get(0).calls().size());
        assertEquals(500L, request.rpc().blocks().get(1).blockOverrides().number());
        assertEquals(TraceOptions.CALL_TRACER, request.rpc().trace().tracer());
        assertEquals(true, request.rpc().trace().withLog());
    }

    @Test
    void aTransactionIndexInsideTheBlockIsRefusedByName() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> prepare("""
                [[{"transactions": [{"to": "0x00000000000000000000000000000000000000b2"}]}],
                 {"blockNumber": "latest", "transactionIndex": 3}]"""));
        assertEquals("params[1].transactionIndex", refused.field());
    }

    @Test
    void anUnknownTracerIsRefusedByName() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> prepare("""
                [[{"transactions": [{"to": "0x00000000000000000000000000000000000000b2"}]}], null,
                 {"tracer": "4byteTracer"}]"""));
        assertEquals("params[2].tracer", refused.field());
    }

    private static SimulationRequest prepare(String params) {
        JsonNode raw = JsonMapper.builder().build().readTree(params);
        return REQUESTS.traceCallMany(raw).factory().build("id", "reply", System.currentTimeMillis());
    }
}
