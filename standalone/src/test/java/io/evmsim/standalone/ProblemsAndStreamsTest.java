package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Resources;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's one error shape on every status and path, and its event streams: limited per client,
 * each slot given back however its stream ends (final event, timeout, client gone), stored results
 * replayed to any number of followers.
 */
class ProblemsAndStreamsTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    /** Reading this account takes longer than a stream may last (sync wait + deadline: 3 s). */
    private static final Address SLOW = Address.fromHex("0x00000000000000000000000000000000000005a0");
    private static final int STREAMS_PER_CLIENT = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        platform = TestPlatform.start(SlowAccounts.of(devnet, SLOW, 4_000), "http://unused.invalid",
                "--evmsim.limits.sync-wait=1s", "--evmsim.limits.deadline=2s",
                "--evmsim.streams.max-per-client=" + STREAMS_PER_CLIENT);
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform);
    }

    @Test
    void aMalformedBundleAskingForAStreamIsRefusedAsAProblemNotAsAnEventStream() throws Exception {
        HttpResponse<String> answer = send(post("/v1/simulate/bundle", "{\"transactions\":\"all\"}")
                .header("Accept", "text/event-stream"));
        JsonNode problem = problem(answer, 400, "INVALID_REQUEST");
        assertEquals("transactions", problem.get("field").stringValue());
        assertEquals("https://evmsim.io/problems/invalid-request", problem.get("type").stringValue());
        assertEquals("/v1/simulate/bundle", problem.get("instance").stringValue());
        assertTrue(problem.get("requestId").isString(), problem.toString());
    }

    @Test
    void aRefusalIsAProblemDocumentWhateverTheClientAccepts() throws Exception {
        for (String accept : List.of("application/xml", "text/html", "text/event-stream", "image/png")) {
            HttpResponse<String> answer = send(post("/v1/simulate", "{\"to\":\"0x12\"}").header("Accept", accept));
            assertEquals("to", problem(answer, 400, "INVALID_REQUEST").get("field").stringValue(), accept);
        }
    }

    @Test
    void everyStatusTheGatewayAnswersIsAProblemDocument() throws Exception {
        problem(send(get("/error")), 404, "NOT_FOUND");
        problem(send(get("/v1/nowhere")), 404, "NOT_FOUND");
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate")).DELETE());
        problem(wrongMethod, 405, "METHOD_NOT_ALLOWED");
        assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("POST"), wrongMethod.headers().toString());
        String unknown = UUID.randomUUID().toString();
        problem(send(get("/v1/simulations/" + unknown)), 404, "SIMULATION_NOT_FOUND");
        problem(send(get("/v1/simulations/" + unknown + "/events").header("Accept", "text/event-stream")), 404,
                "SIMULATION_NOT_FOUND");
        problem(send(get("/v1/simulations/" + unknown + "/events").header("Accept", "application/json")), 406,
                "NOT_ACCEPTABLE");
        problem(send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        JsonNode tooLarge = problem(send(post("/rpc", "[" + " ".repeat(400_000) + "]")), 413, "BODY_TOO_LARGE");
        assertTrue(tooLarge.get("detail").stringValue().contains("300000"), tooLarge.toString());
        problem(send(HttpRequest.newBuilder(URI.create(base + "/rpc")).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<call/>"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        // a JSON-RPC body that is not JSON keeps JSON-RPC's own answer
        HttpResponse<String> unparsable = send(post("/rpc", "{\"jsonrpc\":"));
        assertEquals(200, unparsable.statusCode());
        assertEquals(-32700, JSON.readTree(unparsable.body()).at("/error/code").intValue());
    }

    @Test
    void whatTomcatRefusesBeforeAnyServletIsAProblemDocumentToo() throws Exception {
        for (String target : List.of("/v1/simulations/%00", "/v1/simulations/../../../etc/passwd",
                "/v1/simulations/a%2Fb", "/v1/simulations/%zz")) {
            RawHttp.Answer answer = RawHttp.exchange(platform.gatewayPort(), ("GET " + target
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8), 10_000);
            assertTrue(answer.status() == 400 || answer.status() == 404, target + ": " + answer.status());
            assertEquals("application/problem+json", answer.header("content-type"), target + ": " + answer.text());
            assertEquals(answer.status(), JSON.readTree(answer.body()).get("status").intValue(), answer.text());
        }
        RawHttp.Answer version = RawHttp.exchange(platform.gatewayPort(),
                "GET /v1/simulations/x HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 10_000);
        assertEquals(400, version.status(), version.text());
        assertEquals("INVALID_REQUEST", JSON.readTree(version.body()).get("code").stringValue());
    }

    @Test
    void aWorkersErrorIsAProblemDocumentWithItsCodeAnsweredAndStreamed() throws Exception {
        String unknownBlock = "{\"from\":\"%s\",\"to\":\"%s\",\"block\":\"0x99\"}".formatted(DEV, RECIPIENT);
        JsonNode problem = problem(send(post("/v1/simulate", unknownBlock)), 400, "INVALID_REQUEST");
        assertEquals("block", problem.get("field").stringValue());
        assertEquals("/v1/simulations/" + problem.get("requestId").stringValue(), problem.get("instance").stringValue());

        HttpResponse<String> stream = send(post("/v1/simulate/bundle", "{\"transactions\":[" + unknownBlock
                .replace(",\"block\":\"0x99\"", "") + "],\"block\":\"0x99\"}").header("Accept", "text/event-stream"));
        assertEquals(200, stream.statusCode(), stream.body());
        String data = stream.body().substring(stream.body().indexOf("event:error"));
        JsonNode streamed = JSON.readTree(data.substring(data.indexOf("data:") + 5, data.indexOf('\n',
                data.indexOf("data:"))));
        assertEquals("INVALID_REQUEST", streamed.get("code").stringValue(), data);
        assertEquals("block", streamed.get("field").stringValue(), data);
    }

    @Test
    void jsonRpcErrorsOfBadInputAreNeverInternalOnes() throws Exception {
        HttpResponse<String> answer = send(post("/rpc", """
                {"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"from":"%s","to":"%s"},"0x99"]}"""
                .formatted(DEV, RECIPIENT)));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(-32000, JSON.readTree(answer.body()).at("/error/code").intValue(), answer.body());
        HttpResponse<String> tracer = send(post("/rpc", """
                {"jsonrpc":"2.0","id":1,"method":"debug_traceCall","params":[{"to":"%s"},"latest",{"tracer":{}}]}"""
                .formatted(RECIPIENT)));
        assertEquals(-32602, JSON.readTree(tracer.body()).at("/error/code").intValue(), tracer.body());
    }

    @Test
    void storedResultsAreReplayedToEveryFollowerAtOnce() throws Exception {
        JsonNode result = JSON.readTree(send(post("/v1/simulate/bundle", "{\"transactions\":[" + transfer() + ","
                + transfer() + "]}")).body());
        String events = "/v1/simulations/" + result.get("id").stringValue() + "/events";
        awaitStored(result.get("id").stringValue());
        List<CompletableFuture<HttpResponse<String>>> followers = new ArrayList<>();
        for (int i = 0; i < STREAMS_PER_CLIENT; i++) {
            followers.add(HTTP.sendAsync(get(events).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> follower : followers) {
            String body = follower.get(20, TimeUnit.SECONDS).body();
            int first = body.indexOf("event:transaction");
            assertTrue(first >= 0 && body.indexOf("event:transaction", first + 1) > first
                    && body.indexOf("event:summary") > first, body);
        }
    }

    @Test
    void streamsPastTheClientsLimitAreRefusedWith429AndEachEndingStreamGivesItsSlotBack() throws Exception {
        // two streams of simulations that outlast the stream's time: both end by timeout
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < STREAMS_PER_CLIENT; i++) {
            held.add(HTTP.sendAsync(slowStream().build(), HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> refused = awaitRefusal();
        JsonNode problem = problem(refused, 429, "TOO_MANY_STREAMS");
        assertTrue(problem.get("detail").stringValue().contains(Integer.toString(STREAMS_PER_CLIENT)), problem.toString());
        for (CompletableFuture<HttpResponse<String>> stream : held) {
            assertEquals(200, stream.get(30, TimeUnit.SECONDS).statusCode());
        }
        // timed out: the slots are back, and streams that end with their final event give theirs back too
        for (int i = 0; i < 2 * STREAMS_PER_CLIENT; i++) {
            HttpResponse<String> finished = send(post("/v1/simulate/bundle", "{\"transactions\":[" + transfer() + "]}")
                    .header("Accept", "text/event-stream"));
            assertEquals(200, finished.statusCode(), finished.body());
            assertTrue(finished.body().contains("event:summary"), finished.body());
        }
    }

    @Test
    void aClientThatGoesAwayGivesItsStreamSlotBack() throws Exception {
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < STREAMS_PER_CLIENT; i++) {
            Socket client = new Socket("127.0.0.1", platform.gatewayPort());
            String body = "{\"transactions\":[{\"from\":\"" + DEV + "\",\"to\":\"" + SLOW + "\"}]}";
            client.getOutputStream().write(("POST /v1/simulate/bundle HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            clients.add(client);
        }
        problem(awaitRefusal(), 429, "TOO_MANY_STREAMS");
        for (Socket client : clients) {
            client.close();
        }
        HttpResponse<String> admitted = awaitAdmission();
        assertEquals(200, admitted.statusCode(), admitted.body());
    }

    /** Asks for a stream until the held ones are registered and the limit refuses it. */
    private static HttpResponse<String> awaitRefusal() throws Exception {
        for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
            HttpResponse<String> answer = send(post("/v1/simulate/bundle", "{\"transactions\":[]}")
                    .header("Accept", "text/event-stream"));
            if (answer.statusCode() == 429) {
                return answer;
            }
            assertEquals(400, answer.statusCode(), answer.body()); // admitted, then refused for its empty bundle
        }
        throw new AssertionError("the streams held open were not counted");
    }

    /** Asks for a stream until one is admitted (its slot given back), within 20 s. */
    private static HttpResponse<String> awaitAdmission() throws Exception {
        HttpResponse<String> answer = null;
        for (long until = System.nanoTime() + 20_000_000_000L; System.nanoTime() < until; Thread.sleep(100)) {
            answer = send(post("/v1/simulate/bundle", "{\"transactions\":[" + transfer() + "]}")
                    .header("Accept", "text/event-stream"));
            if (answer.statusCode() != 429) {
                return answer;
            }
        }
        throw new AssertionError("no stream slot was given back: " + answer.body());
    }

    private static HttpRequest.Builder slowStream() {
        return post("/v1/simulate/bundle", "{\"transactions\":[{\"from\":\"" + DEV + "\",\"to\":\"" + SLOW + "\"}]}")
                .header("Accept", "text/event-stream");
    }

    private static String transfer() {
        return "{\"from\":\"" + DEV + "\",\"to\":\"" + RECIPIENT + "\",\"value\":\"0x1\"}";
    }

    private static void awaitStored(String id) throws Exception {
        for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
            if (send(get("/v1/simulations/" + id)).statusCode() == 200) {
                return;
            }
        }
        throw new AssertionError(id + " was not stored");
    }

    private static JsonNode problem(HttpResponse<String> answer, int status, String code) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(code, problem.get("code").stringValue(), answer.body());
        assertEquals(status, problem.get("status").intValue(), answer.body());
        assertTrue(problem.get("title").isString() && problem.get("detail").isString(), answer.body());
        return problem;
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
