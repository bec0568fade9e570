package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Resources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and malformed requests across every endpoint of a real gateway (with its worker, Kafka and
 * PostgreSQL): none may be answered with a 5xx, or with anything but JSON (a problem document for REST,
 * a JSON-RPC response on {@code /rpc}, events of JSON on a stream that started), and the service must
 * simulate a plain transfer afterwards. {@code -Dfuzz.requests} and {@code -Dfuzz.seed} change the run.
 */
class HttpFuzzTest {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20_260_312L);
    private static final int CLIENTS = 6;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(HostileRequests.DEV), UInt256.parse("10000000000000000000000"));
        // streams per client as high as all streams: the fuzz runs from one address, and tests the limits elsewhere
        platform = TestPlatform.start(devnet, "http://unused.invalid", "--evmsim.streams.max-per-client=1000");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform);
    }

    @Test
    void noHostileRequestIsAnswered5xxOrWithoutJsonAndTheServiceStaysHealthy() throws Exception {
        List<String> knownIds = List.of(finishedSimulation("{\"from\":\"%s\",\"to\":\"%s\"}"),
                finishedSimulation("{\"from\":\"%s\",\"to\":\"%s\",\"block\":\"0x99\"}")); // a worker's error
        HostileRequests generator = new HostileRequests(SEED, knownIds);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicInteger nonJson = new AtomicInteger();
        AtomicInteger internalRpc = new AtomicInteger();
        AtomicReference<String> slowest = new AtomicReference<>("none");
        AtomicInteger slowestMillis = new AtomicInteger(-1);
        List<String> findings = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (true) {
                        HostileRequests.Shot shot;
                        synchronized (generator) {
                            if (sent.get() >= REQUESTS) {
                                return null;
                            }
                            sent.incrementAndGet();
                            shot = generator.next();
                        }
                        RawHttp.Answer answer;
                        try {
                            answer = RawHttp.exchange(platform.gatewayPort(), shot.bytes(), TIMEOUT_MILLIS);
                        } catch (IOException e) {
                            nonJson.incrementAndGet();
                            findings.add("no answer (" + e + ") to " + shot.description());
                            continue;
                        }
                        int millis = (int) (answer.micros() / 1_000);
                        if (millis > slowestMillis.getAndAccumulate(millis, Math::max)) {
                            slowest.set(millis + " ms: " + answer.status() + " to " + shot.description());
                        }
                        String fault = judge(shot, answer);
                        if (answer.status() >= 500) {
                            fiveXx.incrementAndGet();
                            findings.add(answer.status() + " " + answer.text() + " to " + shot.description());
                        } else if (fault != null && fault.startsWith("internal")) {
                            internalRpc.incrementAndGet();
                            findings.add(fault + " to " + shot.description());
                        } else if (fault != null) {
                            nonJson.incrementAndGet();
                            findings.add(fault + " (" + answer.status() + " " + answer.header("content-type") + " "
                                    + abbreviate(answer.text()) + ") to " + shot.description());
                        }
                    }
                });
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(10, TimeUnit.MINUTES), "the fuzz did not finish");
        }
        System.out.printf("fuzz: %d requests, %d answered 5xx, %d non-JSON, %d JSON-RPC internal errors (seed %d, %d s)%n",
                sent.get(), fiveXx.get(), nonJson.get(), internalRpc.get(), SEED,
                (System.nanoTime() - started) / 1_000_000_000);
        System.out.println("fuzz: slowest answer " + slowest.get());
        findings.stream().limit(40).forEach(finding -> System.out.println("fuzz finding: " + finding));
        assertEquals(REQUESTS, sent.get());
        assertEquals(List.of(), findings.stream().limit(20).toList(), findings.size() + " findings");

        JsonNode transfer = simulate("{\"from\":\"%s\",\"to\":\"%s\",\"value\":\"0x1\"}");
        assertEquals("success", transfer.get("status").stringValue(), transfer.toString());
        assertEquals(21_000, transfer.get("gasUsed").longValue());
    }

    /** Null when the answer is as it should be, else what is wrong with it. */
    private static String judge(HostileRequests.Shot shot, RawHttp.Answer answer) {
        String type = answer.header("content-type");
        if (shot.method().equals("HEAD") || answer.status() == 204
                || shot.method().equals("OPTIONS") && answer.status() == 200) {
            return answer.body().length == 0 ? null : "a body where none belongs";
        }
        if (type == null) {
            return "no content type";
        }
        if (type.startsWith("text/event-stream")) {
            return answer.status() == 200 ? events(answer.text()) : "an event stream for status " + answer.status();
        }
        if (type.startsWith("text/html")) {
            return page(shot, answer);
        }
        if (answer.status() == 200 && shot.path().equals("/page/simulation.css")) {
            return type.startsWith("text/css") ? null : "the page's stylesheet as " + type;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (JacksonException e) {
            return "not JSON";
        }
        if (shot.rpc() && answer.status() == 200) {
            return rpcResponse(body);
        }
        if (answer.status() >= 400) {
            boolean problem = type.startsWith("application/problem+json") && body.path("code").isString()
                    && body.path("type").isString() && body.path("status").asInt() == answer.status()
                    && body.path("title").isString() && body.has("detail");
            return problem ? null : "not a problem document";
        }
        return type.startsWith("application/json") ? null : "JSON as " + type;
    }

    /** A simulation's page, the one HTML answer: to a GET of a simulation's address, a whole page whatever its status. */
    private static String page(HostileRequests.Shot shot, RawHttp.Answer answer) {
        boolean pageAddress = shot.path().replaceAll("/+", "/").matches("/(v1/simulations|s)/[^/?]+");
        if (!shot.method().equals("GET") || !pageAddress) {
            return "HTML answered to " + shot.method() + " " + shot.path();
        }
        String page = answer.text();
        return page.startsWith("<!DOCTYPE html>") && page.endsWith("</html>") ? null : "not a whole page";
    }

    private static String rpcResponse(JsonNode body) {
        for (JsonNode response : body.isArray() ? body : List.of(body)) {
            if (!"2.0".equals(response.path("jsonrpc").asString("")) || response.has("result") == response.has("error")) {
                return "not a JSON-RPC response";
            }
            if (response.path("error").path("code").asInt() == -32603) {
                return "internal JSON-RPC error " + response.get("error");
            }
        }
        return null;
    }

    /** Every event's data is JSON, and the stream ends with the final event. */
    private static String events(String stream) {
        String last = null;
        for (String event : stream.split("\n\n")) {
            StringBuilder data = new StringBuilder();
            for (String line : event.split("\n")) {
                if (line.startsWith("event:")) {
                    last = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            try {
                if (!data.isEmpty()) {
                    JSON.readTree(data.toString());
                }
            } catch (JacksonException e) {
                return "an event of no JSON";
            }
        }
        return "summary".equals(last) || "error".equals(last) ? null : "a stream without its final event";
    }

    /** Simulates and waits until the result is stored, for the lookups by id. */
    private static String finishedSimulation(String template) throws Exception {
        JsonNode answer = simulate(template);
        String id = answer.path("id").asString(answer.path("requestId").asString(""));
        for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
            if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulations/" + id)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 404) {
                return id;
            }
        }
        throw new AssertionError("simulation " + id + " was not stored");
    }

    private static JsonNode simulate(String template) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        template.formatted(HostileRequests.DEV, HostileRequests.RECIPIENT), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
