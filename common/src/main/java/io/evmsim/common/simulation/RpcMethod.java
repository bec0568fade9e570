package io.evmsim.common.simulation;

/** The JSON-RPC methods that run on the workers, by their wire names. */
public enum RpcMethod {
    ETH_CALL("eth_call"),
    ETH_ESTIMATE_GAS("eth_estimateGas"),
    ETH_CREATE_ACCESS_LIST("eth_createAccessList"),
    ETH_SIMULATE_V1("eth_simulateV1"),
    ETH_CALL_BUNDLE("eth_callBundle"),
    DEBUG_TRACE_CALL("debug_traceCall"),
    DEBUG_TRACE_CALL_MANY("debug_traceCallMany"),
    /** The stateless witness of a simulated call (as eth_call's params), as {@code GET /v1/simulations/{id}/witness}. */
    DEBUG_EXECUTION_WITNESS("debug_executionWitness");

    private final String wireName;

    RpcMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
