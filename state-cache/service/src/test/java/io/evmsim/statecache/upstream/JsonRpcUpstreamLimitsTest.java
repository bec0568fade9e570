package io.evmsim.statecache.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Answers of upstream nodes are size-capped and read as they stream in; a node's URL, which carries its
 * API key, appears nowhere in what fails.
 */
class JsonRpcUpstreamLimitsTest {
    private static final String SECRET = "SECRET-API-KEY";
    private static final DataSize LIMIT = DataSize.ofKilobytes(64);
    /** Generous: a loaded machine must not turn a refused answer into a timeout. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong bytesSent = new AtomicLong();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAnswerWithinTheLimitIsRead() {
        JsonRpcUpstream upstream = upstream(exchange -> answer(exchange, chainIdOf(exchange)));
        assertThat(upstream.call("eth_chainId").asString()).isEqualTo("0x7a69");
    }

    @Test
    void anAnswerDeclaredLargerThanTheLimitIsRefusedUnread() {
        JsonRpcUpstream upstream = upstream(exchange -> answer(exchange, padded(chainIdOf(exchange), 2 * LIMIT.toBytes())));
        assertThatThrownBy(() -> upstream.call("eth_chainId"))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("exceeds statecache.upstream.max-response-size (65536 bytes)")
                .hasMessageContaining("after 1 attempt(s)")
                .hasMessageNotContaining(SECRET);
        assertThat(meters.counter("evmsim.upstream.calls", "method", "eth_chainId", "outcome", "too_large").count())
                .isEqualTo(1);
    }

    @Test
    void anEndlessAnswerIsCutAtTheLimit() {
        JsonRpcUpstream upstream = upstream(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('[');
                for (long sent = 0; sent < 1L << 30; sent += chunk.length) { // 1 GB, never finished in time
                    out.write(chunk);
                    bytesSent.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the reader cancelled the body
            }
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> upstream.call("eth_chainId"))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("exceeds statecache.upstream.max-response-size");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(bytesSent.get()).isLessThan(64L << 20);
    }

    @Test
    void aTricklingAnswerEndsAtTheRequestTimeout() {
        JsonRpcUpstream upstream = upstream(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) { // 20 s
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // expected
            }
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> upstream.call("eth_chainId"))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("no complete answer within PT3S")
                .hasMessageNotContaining(SECRET);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void failuresNameTheNodeWithoutItsKey() {
        JsonRpcUpstream upstream = upstream(exchange -> answer(exchange, 401, "{\"error\":\"invalid key\"}"));
        assertThatThrownBy(() -> upstream.call("eth_chainId"))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("http://127.0.0.1:" + server.getAddress().getPort() + "/[redacted]: HTTP 401")
                .hasMessageNotContaining(SECRET);
        assertThat(upstream.redactedUrls()).allSatisfy(url -> assertThat(url).doesNotContain(SECRET));
    }

    private JsonRpcUpstream upstream(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/" + SECRET);
        return new JsonRpcUpstream(new UpstreamProperties(List.of(url), REQUEST_TIMEOUT, 2, 2,
                Duration.ofMillis(10), Duration.ofMillis(50), 100, true, LIMIT, false), meters);
    }

    private static String chainIdOf(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = request.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
        return "[{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x7a69\"}]";
    }

    private static String padded(String json, long size) {
        return json + " ".repeat((int) (size - json.length()));
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        answer(exchange, 200, body);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
