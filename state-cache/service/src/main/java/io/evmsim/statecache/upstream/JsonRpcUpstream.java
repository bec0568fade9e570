package io.evmsim.statecache.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC over HTTP to one or more upstream nodes: calls go out as JSON-RPC batches, at most
 * {@code maxConcurrentRequests} per node at once, with a timeout; 429, 5xx, timeouts and broken connections
 * are retried with exponential backoff and jitter, each retry on the next node (failover). Answers keep the
 * order of the calls. A response body is read as it streams in and refused past {@code maxResponseSize}, so a
 * node (or anything posing as one) cannot fill the heap with an endless answer. Nodes are named in messages
 * by their redacted URL only ({@link UpstreamUrls}).
 */
public class JsonRpcUpstream {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Characters of an error answer's body quoted in the failure. */
    private static final int ERROR_BODY_SHOWN = 200;

    /** One call of a batch. */
    public record Call(String method, List<Object> params) {
        public Call(String method, Object... params) {
            this(method, List.of(params));
        }
    }

    private final UpstreamProperties properties;
    private final List<Node> nodes;
    private final HttpClient http;
    private final MeterRegistry meters;
    /** The node that answered last; requests start there, so a failed node is left until it is the only choice. */
    private final AtomicInteger preferred = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong httpRequests = new AtomicLong();

    private record Node(URI url, String shown, Semaphore permits) {
    }

    public JsonRpcUpstream(UpstreamProperties properties, MeterRegistry meters) {
        if (properties.urls().isEmpty()) {
            throw new IllegalArgumentException("statecache.upstream.urls (ETH_RPC_URL) names no node");
        }
        this.properties = properties;
        this.meters = meters;
        this.nodes = properties.urls().stream()
                .map(url -> new Node(url, UpstreamUrls.redacted(url),
                        new Semaphore(properties.maxConcurrentRequests(), true)))
                .toList();
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    }

    /** The nodes as they may be shown (health, messages): scheme, host and port only. */
    public List<String> redactedUrls() {
        return UpstreamUrls.redacted(properties.urls());
    }

    /** HTTP requests sent so far, retries included (each batch is one). */
    public long httpRequests() {
        return httpRequests.get();
    }

    /** One call; a JSON-RPC error becomes an {@link UpstreamException}. */
    public JsonNode call(String method, Object... params) {
        return batch(List.of(new Call(method, params))).getFirst().orThrow();
    }

    /** The calls as few JSON-RPC batches (of at most maxBatchSize); one answer per call, in order. */
    public List<RpcResult> batch(List<Call> calls) {
        List<RpcResult> results = new ArrayList<>(calls.size());
        for (int from = 0; from < calls.size(); from += properties.maxBatchSize()) {
            results.addAll(sendBatch(calls.subList(from, Math.min(calls.size(), from + properties.maxBatchSize()))));
        }
        return results;
    }

    private List<RpcResult> sendBatch(List<Call> calls) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        Map<Long, Integer> positionById = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            long id = ids.incrementAndGet();
            positionById.put(id, i);
            ObjectNode call = body.addObject().put("jsonrpc", "2.0").put("id", id).put("method", calls.get(i).method());
            call.set("params", JSON.valueToTree(calls.get(i).params()));
        }
        String label = label(calls);
        JsonNode answer = sendWithRetries(JSON.writeValueAsString(body), label);
        if (!answer.isArray()) {
            // Some nodes answer a whole batch with one error object (batch too large, rate limited).
            count(label, "error", calls.size());
            throw new UpstreamException("upstream rejected a batch of " + calls.size() + " " + label + ": " + answer);
        }
        RpcResult[] results = new RpcResult[calls.size()];
        for (JsonNode element : answer) {
            Integer position = positionById.get(element.path("id").asLong(-1));
            if (position == null) {
                throw new UpstreamException("upstream answered an unknown JSON-RPC id: " + element);
            }
            String method = calls.get(position).method();
            JsonNode error = element.get("error");
            results[position] = error == null || error.isNull()
                    ? new RpcResult(method, element.get("result"), 0, null)
                    : new RpcResult(method, null, error.path("code").asInt(), error.path("message").asString(error.toString()));
            count(method, results[position].failed() ? "error" : "ok", 1);
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                throw new UpstreamException("upstream left " + calls.get(i).method() + " of a batch unanswered");
            }
        }
        return List.of(results);
    }

    private JsonNode sendWithRetries(String body, String label) {
        String lastFailure = "no attempt";
        long backoffNanos = properties.initialBackoff().toNanos();
        int attempts = 0;
        for (int attempt = 0; attempt < properties.maxAttempts(); attempt++) {
            attempts++;
            int index = Math.floorMod(preferred.get() + attempt, nodes.size());
            Node node = nodes.get(index);
            Attempt outcome = send(node, body, label);
            if (outcome.answer != null) {
                preferred.set(index);
                return outcome.answer;
            }
            lastFailure = node.shown() + ": " + outcome.failure;
            if (!outcome.retryable) {
                break;
            }
            count(label, "retry", 1);
            if (attempt + 1 < properties.maxAttempts()) {
                sleep(Math.max(backoffNanos, outcome.retryAfterNanos));
                backoffNanos = Math.min(backoffNanos * 2, properties.maxBackoff().toNanos());
            }
        }
        count(label, "error", 1);
        throw new UpstreamException("upstream " + label + " failed after " + attempts + " attempt(s); last: "
                + lastFailure);
    }

    private record Attempt(JsonNode answer, String failure, boolean retryable, long retryAfterNanos) {
        static Attempt failed(String failure, boolean retryable) {
            return new Attempt(null, failure, retryable, 0);
        }
    }

    private Attempt send(Node node, String body, String label) {
        HttpRequest request = HttpRequest.newBuilder(node.url()).timeout(properties.requestTimeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            if (!node.permits().tryAcquire(properties.requestTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return Attempt.failed("no free connection slot within " + properties.requestTimeout(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while waiting for the upstream", e);
        }
        Timer.Sample sample = Timer.start(meters);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange = null;
        try {
            httpRequests.incrementAndGet();
            // the whole exchange, body included, within the request timeout: a node trickling an answer
            // cannot hold a slot for longer than one that does not answer
            exchange = http.sendAsync(request, BoundedBody.handler(properties.maxResponseSize().toBytes()));
            HttpResponse<byte[]> response = exchange.get(properties.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                return new Attempt(null, "HTTP " + status, true, retryAfterNanos(response));
            }
            if (status != 200) {
                return Attempt.failed("HTTP " + status + ": " + abbreviate(new String(response.body(),
                        StandardCharsets.UTF_8)), false);
            }
            return new Attempt(JSON.readTree(response.body()), null, false, 0);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return timedOut();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) { // the client's own timeout: the same event
                return timedOut();
            }
            if (e.getCause() instanceof BoundedBody.TooLarge) {
                // the same node would send the same answer again: not retried
                count(label, "too_large", 1);
                return Attempt.failed("the answer exceeds statecache.upstream.max-response-size ("
                        + properties.maxResponseSize().toBytes() + " bytes)", false);
            }
            // dropped connections are retried, as timeouts are
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Attempt.failed(cause.getClass().getSimpleName() + " "
                    + UpstreamUrls.scrubbed(cause.getMessage(), properties.urls()), true);
        } catch (JacksonException e) {
            return Attempt.failed("unreadable JSON: " + e.getOriginalMessage(), true);
        } catch (InterruptedException e) {
            if (exchange != null) {
                exchange.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while calling the upstream", e);
        } finally {
            node.permits().release();
            UpstreamUse.record(System.nanoTime() - started);
            sample.stop(meters.timer("evmsim.upstream.call.duration", "method", label));
        }
    }

    private static long retryAfterNanos(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return TimeUnit.SECONDS.toNanos(Long.parseLong(value.trim()));
            } catch (NumberFormatException dateForm) {
                return 0L;
            }
        }).orElse(0L);
    }

    private void sleep(long nanos) {
        long capped = Math.min(nanos, properties.maxBackoff().toNanos());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        try {
            TimeUnit.NANOSECONDS.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted during upstream backoff", e);
        }
    }

    private void count(String method, String outcome, int amount) {
        Counter.builder("evmsim.upstream.calls").tag("method", method).tag("outcome", outcome).register(meters)
                .increment(amount);
    }

    /** The method of a homogeneous batch, or "batch" for a mixed one. */
    private static String label(List<Call> calls) {
        String first = calls.getFirst().method();
        return calls.stream().allMatch(call -> call.method().equals(first)) ? first : "batch";
    }

    private static String abbreviate(String text) {
        return text.length() <= ERROR_BODY_SHOWN ? text : text.substring(0, ERROR_BODY_SHOWN) + "...";
    }

    /** Whichever timeout fired first (the client's, or the whole exchange's), named once. */
    private Attempt timedOut() {
        return Attempt.failed("timed out: no complete answer within " + properties.requestTimeout(), true);
    }

}
