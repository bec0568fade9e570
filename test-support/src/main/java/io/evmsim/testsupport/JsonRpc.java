package io.evmsim.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A minimal JSON-RPC 2.0 client for tests: one call per HTTP request, errors as exceptions. */
public final class JsonRpc {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong ids = new AtomicLong();

    public JsonRpc(URI url) {
        this.url = url;
    }

    public URI url() {
        return url;
    }

    /** Calls {@code method}; params are serialized with Jackson (strings, numbers, maps, lists). */
    public JsonNode call(String method, Object... params) {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(),
                "method", method, "params", List.of(params)));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " to " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode reply = JSON.readTree(response.body());
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Calls {@code method} and reads the result as a hex string. */
    public String callText(String method, Object... params) {
        return call(method, params).asString();
    }
}
