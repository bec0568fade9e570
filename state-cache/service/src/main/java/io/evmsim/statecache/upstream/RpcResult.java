package io.evmsim.statecache.upstream;

import tools.jackson.databind.JsonNode;

/** One answer of a JSON-RPC call: a result, or an error with its code. */
public record RpcResult(String method, JsonNode result, int errorCode, String errorMessage) {
    /** JSON-RPC 2.0 "method not found". */
    public static final int METHOD_NOT_FOUND = -32601;

    public boolean failed() {
        return errorMessage != null;
    }

    /** The result, or an {@link UpstreamException} naming the method and the node's error. */
    public JsonNode orThrow() {
        if (failed()) {
            throw new UpstreamException("upstream " + method + " failed: " + errorCode + " " + errorMessage);
        }
        return result;
    }

    /**
     * Whether the node says it has no such method: -32601, or a message saying the method is not found or does
     * not exist. Stricter than {@link #methodUnsupported}: a missing block, account or trie node ("not found")
     * and a refused argument ("unsupported block tag") are not a missing method.
     */
    public boolean methodNotFound() {
        if (!failed()) {
            return false;
        }
        String message = errorMessage.toLowerCase(java.util.Locale.ROOT);
        return errorCode == METHOD_NOT_FOUND || message.contains("method not found")
                || message.contains("method") && message.contains("does not exist");
    }

    /** Whether the node lacks the method (some answer -32601, others a message only). */
    public boolean methodUnsupported() {
        if (!failed()) {
            return false;
        }
        String message = errorMessage.toLowerCase(java.util.Locale.ROOT);
        return errorCode == METHOD_NOT_FOUND || message.contains("not supported") || message.contains("not found")
                && message.contains("method") || message.contains("unsupported");
    }
}
