package io.evmsim.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP proxy in front of a JSON-RPC node that counts what passes (HTTP requests, and JSON-RPC calls by
 * method, batches counted call by call) and injects faults: delays, error statuses such as 429, dropped
 * connections, and rewritten response bodies (for example a flipped byte in a proof).
 */
public final class RpcProxy implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByMethod = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Duration delay = Duration.ZERO;
    private volatile BinaryOperator<String> responseRewriter = (request, response) -> response;

    private RpcProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static RpcProxy start(URI target) {
        try {
            return new RpcProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start proxy for " + target, e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** HTTP requests received (a JSON-RPC batch is one). */
    public int requests() {
        return requests.get();
    }

    /** JSON-RPC calls of {@code method} received, each element of a batch counted. */
    public int calls(String method) {
        AtomicInteger count = callsByMethod.get(method);
        return count == null ? 0 : count.get();
    }

    /** All JSON-RPC calls received, by method. */
    public Map<String, Integer> callsByMethod() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        callsByMethod.forEach((method, count) -> copy.put(method, count.get()));
        return copy;
    }

    public void resetCounts() {
        requests.set(0);
        callsByMethod.clear();
    }

    /** Holds every answer back by {@code delay}. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Answers the next {@code count} requests with HTTP {@code status} instead of forwarding them. */
    public void failNext(int count, int status) {
        this.failureStatus = status;
        failuresLeft.set(count);
    }

    /** Closes the connection of the next {@code count} requests without answering. */
    public void dropNext(int count) {
        dropsLeft.set(count);
    }

    /**
     * Passes every response body through {@code rewriter} (given the request body, then the response body)
     * before it reaches the client.
     */
    public void rewriteResponses(BinaryOperator<String> rewriter) {
        this.responseRewriter = rewriter;
    }

    /** Back to plain forwarding: no delay, failures, drops or rewriting. */
    public void clearFaults() {
        delay = Duration.ZERO;
        failuresLeft.set(0);
        dropsLeft.set(0);
        responseRewriter = (request, response) -> response;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            count(body);
            if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return; // closing without headers: the client sees the connection end with no answer
            }
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, failureStatus, "{\"error\":\"injected by proxy\"}");
                return;
            }
            HttpResponse<String> upstream = http.send(HttpRequest.newBuilder(target)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            respond(exchange, upstream.statusCode(), responseRewriter.apply(body, upstream.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(String body) {
        try {
            JsonNode request = JSON.readTree(body);
            if (request.isArray()) {
                request.forEach(this::countCall);
            } else {
                countCall(request);
            }
        } catch (RuntimeException notJson) {
            callsByMethod.computeIfAbsent("(not JSON-RPC)", m -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void countCall(JsonNode call) {
        callsByMethod.computeIfAbsent(call.path("method").asString("(none)"), m -> new AtomicInteger())
                .incrementAndGet();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
