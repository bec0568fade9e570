package io.evmsim.worker.rpc;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC error answer: the code and message geth gives for the same failure (execution-apis
 * codes for eth_simulateV1), and the revert data where there is some.
 */
public final class RpcError extends RuntimeException {
    /** A REVERT of the top frame (geth's {@code revertError}). */
    public static final int REVERTED = 3;
    /** geth's generic server error: invalid transactions, halts of eth_call, unknown blocks. */
    public static final int SERVER_ERROR = -32000;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL = -32603;
    /** geth's "response too large" ({@code rpc/errors.go}): a result past one of this server's ceilings. */
    public static final int RESPONSE_TOO_LARGE = -32003;

    private final int code;
    private final String data;

    public RpcError(int code, String message) {
        this(code, message, null);
    }

    public RpcError(int code, String message, String data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public ObjectNode toJson() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", getMessage());
        if (data != null) {
            error.put("data", data);
        }
        return error;
    }
}
