package io.evmsim.api.rpc;

import io.evmsim.api.request.InvalidRequestException;
import io.evmsim.common.simulation.SimulationError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A JSON-RPC 2.0 error object: code, message and optional data. */
final class JsonRpcError extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** geth's server error: unknown blocks, unavailable state, timeouts. */
    static final int SERVER_ERROR = -32000;
    /** geth's "response too large" ({@code rpc/errors.go}): here, an answer past the result-size limit. */
    static final int RESPONSE_TOO_LARGE = -32003;

    private final int code;
    private final JsonNode data;

    JsonRpcError(int code, String message) {
        this(code, message, null);
    }

    JsonRpcError(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** A parameter the reader refused, named by its path ({@code params[0].gas}). */
    static JsonRpcError invalidParams(InvalidRequestException e) {
        return new JsonRpcError(INVALID_PARAMS, "invalid params: " + e.field() + ": " + e.getMessage());
    }

    /**
     * A simulation that ended in an error: the worker's own failure is {@code -32603}, anything else (an
     * unknown block, unavailable state, the deadline) geth's server error {@code -32000}; the data is the
     * {@link SimulationError} code.
     */
    static JsonRpcError ofSimulation(SimulationError error, String message) {
        int code = switch (error) {
            case INTERNAL -> INTERNAL_ERROR;
            case RESULT_TOO_LARGE -> RESPONSE_TOO_LARGE; // geth's "response too large"
            default -> SERVER_ERROR;
        };
        return new JsonRpcError(code, message, JsonNodeFactory.instance.stringNode(error.name()));
    }

    ObjectNode toJson() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", getMessage());
        if (data != null) {
            error.set("data", data);
        }
        return error;
    }
}
