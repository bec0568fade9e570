package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline with real components: HTTP into the gateway, a real Kafka broker (KRaft),
 * the worker running the engine, results back through Kafka, stored in a real PostgreSQL. State
 * comes from an in-memory genesis through the state-cache client interface.
 */
class PipelineTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String RECIPIENT = "0x000000000000000000000000000000000000beef";
    private static final Address STORE_CONTRACT = Address.fromHex("0x000000000000000000000000000000000000c0de");
    /** SSTORE(1, calldata word 0); LOG1(topic 0xaa) of no data; STOP. */
    private static final String STORE_CODE = "0x60003560015560aa60006000a100";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static DevnetStateCache devnet;
    private static String base;

    @BeforeAll
    static void start() {
        devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        devnet.deploy(STORE_CONTRACT, Hex.decode(STORE_CODE), Map.of());
        platform = TestPlatform.start(devnet, "http://unused.invalid");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform);
    }

    @Test
    void ethTransferSucceedsWithTheRecipientsBalanceInTheStateDiff() throws Exception {
        JsonNode result = post("/v1/simulate", """
                {"from":"%s","to":"%s","value":"1000000000000000000"}""".formatted(DEV, RECIPIENT), 200);
        assertEquals("success", result.get("status").stringValue());
        assertEquals(21_000, result.get("gasUsed").longValue());
        assertEquals("0xde0b6b3a7640000",
                result.at("/stateDiff/post/" + RECIPIENT + "/balance").stringValue());
        assertEquals(1, result.at("/stateDiff/post/" + DEV + "/nonce").longValue());
        assertEquals("CALL", result.at("/callTree/type").stringValue());
        assertEquals("1000000000000000000", result.at("/assetChanges/byAddress/" + RECIPIENT + "/0/delta").stringValue());
        assertEquals("-1000000000000000000", result.at("/assetChanges/byAddress/" + DEV + "/0/delta").stringValue());
        assertEquals(0, result.at("/block/number").longValue());
        assertEquals("Osaka", result.get("fork").stringValue());
        assertTrue(result.at("/timings/executionMs").isNumber(), result.toString());
        // the shared store is written by its own consumer: the stored copy may lag the live answer briefly
        String path = "/v1/simulations/" + result.get("id").stringValue();
        long until = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> stored = getRaw(path);
        while (stored.statusCode() == 404 && System.nanoTime() < until) {
            Thread.sleep(50);
            stored = getRaw(path);
        }
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(result, JSON.readTree(stored.body()));
    }

    @Test
    void anUnreadableRequestIsDeadLetteredWithTheReasonAndItsClientGetsAnError() throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(SimulationTopics.REQUESTS, id,
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(SimulationTopics.REPLY_TO_HEADER, "another-replica".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.brokers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(garbage).get(10, TimeUnit.SECONDS);
        }
        // the client's error, stored for whoever asks by id
        HttpResponse<String> answer = getRaw("/v1/simulations/" + id);
        for (long until = System.nanoTime() + 10_000_000_000L; answer.statusCode() == 404 && System.nanoTime() < until; ) {
            Thread.sleep(50);
            answer = getRaw("/v1/simulations/" + id);
        }
        assertEquals(500, answer.statusCode(), answer.body());
        assertEquals("INTERNAL", JSON.readTree(answer.body()).get("code").stringValue(), answer.body());
        assertTrue(JSON.readTree(answer.body()).get("detail").stringValue().startsWith("unreadable request"),
                answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("/v1/simulations/" + id, JSON.readTree(answer.body()).get("instance").stringValue());
        // the request itself, on the dead-letter topic with the reason
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.brokers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(SimulationTopics.DEAD_LETTERS));
            ConsumerRecord<String, byte[]> dead = null;
            for (long until = System.nanoTime() + 10_000_000_000L; dead == null && System.nanoTime() < until; ) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(record.key())) {
                        dead = record;
                    }
                }
            }
            assertTrue(dead != null, "no dead letter for " + id);
            assertEquals("{not json", new String(dead.value(), StandardCharsets.UTF_8));
            String reason = new String(dead.headers().lastHeader(SimulationTopics.ERROR_HEADER).value(),
                    StandardCharsets.UTF_8);
            assertTrue(reason.startsWith("unreadable request"), reason);
        }
    }

    @Test
    void contractCallWritesStorageAndLogsWithBatchedReads() throws Exception {
        int tripsBefore = devnet.readRoundTrips.get();
        JsonNode result = post("/simulate", """
                {"from":"%s","to":"%s","data":"0x%s"}""".formatted(DEV, STORE_CONTRACT, "00".repeat(31) + "07"), 200);
        assertEquals("success", result.get("status").stringValue());
        assertEquals("0x" + "00".repeat(31) + "aa", result.at("/logs/0/topics/0").stringValue());
        assertEquals(STORE_CONTRACT.toString(), result.at("/logs/0/address").stringValue());
        assertEquals("0x" + "00".repeat(31) + "07",
                result.at("/stateDiff/post/" + STORE_CONTRACT + "/storage/0x" + "00".repeat(31) + "01").stringValue());
        assertEquals(result.get("gasUsed").longValue(), result.at("/gas/frames/0/gasUsed").longValue());
        assertEquals(STORE_CONTRACT.toString(), result.at("/callTree/to").stringValue());
        // the accounts known in advance in one batch, then what the runs discovered: a few round trips, not one per read
        int trips = devnet.readRoundTrips.get() - tripsBefore;
        assertTrue(trips >= 2 && trips <= 3, "state read round trips: " + trips);
    }

    @Test
    void codePlacedByAStateOverrideIsCalled() throws Exception {
        String target = "0x00000000000000000000000000000000000f00d1";
        JsonNode result = post("/v1/simulate", """
                {"from":"%s","to":"%s","stateOverrides":{"%s":{"code":"0x602a60005260206000f3"}}}"""
                .formatted(DEV, target, target), 200);
        assertEquals("success", result.get("status").stringValue());
        assertEquals("0x" + "00".repeat(31) + "2a", result.get("returnData").stringValue());
    }

    @Test
    void bundleStreamsEachTransactionThenTheSummary() throws Exception {
        String transfer = "{\"from\":\"%s\",\"to\":\"%s\",\"value\":\"0x1\"}".formatted(DEV, RECIPIENT);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate/bundle"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transactions\":[" + transfer + "," + transfer + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String body = response.body();
        int first = body.indexOf("event:transaction");
        int second = body.indexOf("event:transaction", first + 1);
        int summary = body.indexOf("event:summary");
        assertTrue(first >= 0 && second > first && summary > second, body);
        assertTrue(body.contains("\"totalGasUsed\":42000"), body);
    }

    @Test
    void bundleAsOneJsonSeesTheEarlierTransactionsNonce() throws Exception {
        String transfer = "{\"from\":\"%s\",\"to\":\"%s\",\"value\":1}".formatted(DEV, RECIPIENT);
        JsonNode result = post("/v1/simulate/bundle", "{\"transactions\":[" + transfer + "," + transfer + "]}", 200);
        assertEquals("success", result.get("status").stringValue());
        assertEquals(2, result.at("/transactions/1/stateDiff/post/" + DEV + "/nonce").longValue());
        assertEquals(42_000, result.at("/summary/totalGasUsed").longValue());
    }

    @Test
    void metersShowEveryOutcomeFromTheStartAndThePublishStage() throws Exception {
        post("/v1/simulate", "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(DEV, RECIPIENT), 200);
        assertEquals(404, getRaw("/actuator/prometheus").statusCode(), "the API port serves no actuator");
        String gateway = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + platform.gatewayManagementPort() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(gateway.contains("evmsim_simulations_total{kind=\"bundle\",outcome=\"halted\"} 0.0"), gateway);
        HttpResponse<String> worker = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + platform.workerPort() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(worker.body().contains("evmsim_stage_duration_seconds_count{stage=\"publish\"}"), worker.body());
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() throws Exception {
        assertField("{\"to\":\"0x1234\"}", "/v1/simulate", "to");
        assertField("{\"from\":\"%s\",\"value\":-1}".formatted(DEV), "/v1/simulate", "value");
        assertField("{\"gas\":\"0x" + "f".repeat(20) + "\"}", "/v1/simulate", "gas");
        assertField("{\"gas\":60000000}", "/v1/simulate", "gas");
        assertField("{\"data\":\"0xabc\"}", "/v1/simulate", "data");
        assertField("{\"colour\":\"red\"}", "/v1/simulate", "colour");
        assertField("{\"to\":", "/v1/simulate", "body");
        assertField("{\"block\":\"yesterday\"}", "/v1/simulate", "block");
        assertField("{\"stateOverrides\":{\"0x12\":{}}}", "/v1/simulate", "stateOverrides.0x12");
        assertField("{\"transactions\":[{\"nonce\":1.5}]}", "/v1/simulate/bundle", "transactions[0].nonce");
        assertField("{\"transactions\":[" + "{},".repeat(100) + "{}]}", "/v1/simulate/bundle", "transactions");
        JsonNode tooLarge = post("/v1/simulate", "{\"data\":\"0x" + "00".repeat(300_000) + "\"}", 413);
        assertEquals("BODY_TOO_LARGE", tooLarge.get("code").stringValue(), tooLarge.toString());
        assertEquals("body", tooLarge.get("field").stringValue());
    }

    @Test
    void unknownBlockIsRefusedByTheWorkerNamingTheField() throws Exception {
        JsonNode result = post("/v1/simulate", "{\"from\":\"%s\",\"block\":\"0x99\"}".formatted(DEV), 400);
        assertEquals("block", result.get("field").stringValue());
    }

    private static void assertField(String body, String path, String field) throws Exception {
        JsonNode error = post(path, body, 400);
        assertEquals(field, error.get("field").stringValue(), error.toString());
        assertEquals("INVALID_REQUEST", error.get("code").stringValue(), error.toString());
        assertEquals("https://evmsim.io/problems/invalid-request", error.get("type").stringValue());
        assertEquals(400, error.get("status").intValue());
        assertEquals(path, error.get("instance").stringValue());
    }

    private static JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> getRaw(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
