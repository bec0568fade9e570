package io.evmsim.api.rpc;

import io.evmsim.api.request.InvalidRequestException;
import io.evmsim.api.simulation.ClientPresence;
import io.evmsim.api.simulation.PublishFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 over one HTTP body: a request object or a batch (an array, answered as an array of
 * the responses, notifications left out; its requests run at once, each on a virtual thread). A
 * request without an {@code id} member is a notification and gets no response.
 */
public final class JsonRpcEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcEndpoint.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RpcMethods methods;
    private final int maxBatch;

    JsonRpcEndpoint(RpcMethods methods, int maxBatch) {
        this.methods = methods;
        this.maxBatch = maxBatch;
    }

    /**
     * The response body, or null when there is nothing to answer (only notifications). A simulation still
     * running when {@code client} goes away is cancelled, and answered with a {@code CANCELLED} error.
     */
    public String handle(byte[] body, ClientPresence client) throws InterruptedException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return response(null, new JsonRpcError(JsonRpcError.PARSE_ERROR, "parse error: " + e.getOriginalMessage()))
                    .toString();
        }
        if (root == null || root.isMissingNode()) {
            return response(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "empty body")).toString();
        }
        if (!root.isArray()) {
            ObjectNode single = handleOne(root, client);
            return single == null ? null : single.toString();
        }
        if (root.isEmpty() || root.size() > maxBatch) {
            return response(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, root.isEmpty() ? "empty batch"
                    : "a batch holds at most " + maxBatch + " requests, got " + root.size())).toString();
        }
        ArrayNode responses = NODES.arrayNode();
        for (ObjectNode response : batch(root, client)) {
            if (response != null) {
                responses.add(response);
            }
        }
        return responses.isEmpty() ? null : responses.toString();
    }

    private List<ObjectNode> batch(JsonNode requests, ClientPresence client) throws InterruptedException {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ObjectNode>> answers = new ArrayList<>();
            for (JsonNode request : requests) {
                answers.add(threads.submit(() -> handleOne(request, client)));
            }
            List<ObjectNode> responses = new ArrayList<>();
            for (Future<ObjectNode> answer : answers) {
                try {
                    responses.add(answer.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a batch element failed unexpectedly", e.getCause());
                }
            }
            return responses;
        }
    }

    private ObjectNode handleOne(JsonNode request, ClientPresence client) throws InterruptedException {
        if (!request.isObject()) {
            return response(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "a request must be a JSON object"));
        }
        JsonNode id = request.get("id");
        if (id != null && !(id.isString() || id.isNumber() || id.isNull())) {
            return response(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "id must be a string, number or null"));
        }
        JsonNode version = request.get("jsonrpc");
        JsonNode method = request.get("method");
        if (version == null || !"2.0".equals(version.asString(null)) || method == null || !method.isString()) {
            return response(id, new JsonRpcError(JsonRpcError.INVALID_REQUEST,
                    "a request needs \"jsonrpc\": \"2.0\" and a method name"));
        }
        ObjectNode response;
        try {
            response = NODES.objectNode().put("jsonrpc", "2.0");
            response.set("id", id);
            response.set("result", methods.call(method.stringValue(), request.get("params"), client));
        } catch (JsonRpcError e) {
            response = response(id, e);
        } catch (InvalidRequestException e) {
            response = response(id, JsonRpcError.invalidParams(e));
        } catch (PublishFailedException e) {
            response = response(id, new JsonRpcError(JsonRpcError.SERVER_ERROR, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} failed", method.stringValue(), e);
            response = response(id, new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "internal error: " + e));
        }
        return id == null ? null : response;
    }

    private static ObjectNode response(JsonNode id, JsonRpcError error) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
        response.set("id", id == null ? NODES.nullNode() : id);
        response.set("error", error.toJson());
        return response;
    }
}
