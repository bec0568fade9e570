package io.evmsim.api.rpc;

import io.evmsim.api.rpc.EngineRequests.Prepared;
import io.evmsim.api.simulation.ClientGoneException;
import io.evmsim.api.simulation.ClientPresence;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Submitted;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * The methods of {@code POST /rpc}: those that execute go through the pipeline (Kafka, a worker,
 * the engine) like the REST API's simulations; the read methods ask state-cache directly.
 */
final class RpcMethods {
    private final EngineRequests requests;
    private final StateReads reads;
    private final SimulationService simulations;

    RpcMethods(EngineRequests requests, StateReads reads, SimulationService simulations) {
        this.requests = requests;
        this.reads = reads;
        this.simulations = simulations;
    }

    JsonNode call(String method, JsonNode params, ClientPresence client) throws InterruptedException {
        return switch (method) {
            case "eth_chainId" -> reads.chainId(params);
            case "eth_blockNumber" -> reads.blockNumber(params);
            case "eth_getBalance" -> reads.balance(params);
            case "eth_getCode" -> reads.code(params);
            case "eth_getTransactionCount" -> reads.transactionCount(params);
            case "eth_getStorageAt" -> reads.storageAt(params);
            case "eth_getBlockByNumber" -> reads.blockByNumber(params);
            case "eth_call" -> run(requests.call(RpcMethod.ETH_CALL, params), client);
            case "eth_estimateGas" -> run(requests.call(RpcMethod.ETH_ESTIMATE_GAS, params), client);
            case "eth_createAccessList" -> run(requests.call(RpcMethod.ETH_CREATE_ACCESS_LIST, params), client);
            case "debug_traceCall" -> run(requests.traceCall(params), client);
            case "debug_traceCallMany" -> run(requests.traceCallMany(params), client);
            case "debug_executionWitness" -> run(requests.call(RpcMethod.DEBUG_EXECUTION_WITNESS, params), client);
            case "eth_simulateV1" -> run(requests.simulateV1(params), client);
            case "eth_callBundle" -> run(requests.callBundle(params), client);
            default -> throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "the method " + method
                    + " does not exist/is not available");
        };
    }

    /**
     * Publishes the request and unwraps the worker's answer: its result, or its error. A result (up to the
     * result-size limit, a call tree 1,024 frames deep) is spliced into the response as the worker wrote
     * it, never parsed here.
     */
    private JsonNode run(Prepared prepared, ClientPresence client) throws InterruptedException {
        Submitted submitted = simulations.submit(prepared.kind(), prepared.factory());
        SimulationEvent last;
        try {
            last = simulations.awaitFinal(submitted, client).orElseThrow(() -> new JsonRpcError(
                    JsonRpcError.SERVER_ERROR, "simulation " + submitted.id() + " did not finish in time"));
        } catch (ClientGoneException e) {
            throw JsonRpcError.ofSimulation(SimulationError.CANCELLED, e.getMessage());
        }
        if (last.type() != SimulationEvent.EventType.ERROR && last.outcome().equals("success")) {
            return result(last.payload());
        }
        JsonNode payload = SimulationJson.mapper().readTree(last.payload());
        if (last.type() == SimulationEvent.EventType.ERROR) {
            throw JsonRpcError.ofSimulation(SimulationService.errorCode(last), payload.path("error").asString());
        }
        JsonNode error = payload.get("error");
        if (error != null) {
            throw new JsonRpcError(error.path("code").asInt(), error.path("message").asString(), error.get("data"));
        }
        return payload.get("result");
    }

    /** The {@code result} member of a successful answer, {@code {"result":...}} as the worker writes it. */
    private static JsonNode result(String answer) {
        String prefix = "{\"result\":";
        if (!answer.startsWith(prefix) || !answer.endsWith("}")) {
            throw new IllegalStateException("a worker's answer is not {\"result\":...}: "
                    + answer.substring(0, Math.min(answer.length(), 80)));
        }
        return JsonNodeFactory.instance.rawValueNode(new RawValue(answer.substring(prefix.length(),
                answer.length() - 1)));
    }
}
