package io.evmsim.standalone;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded generator of hostile, malformed and odd HTTP requests for every endpoint of the gateway:
 * broken and deep JSON, invalid hex and overflowing numbers, NULs, invalid UTF-8 and unicode, wrong
 * methods, content types and {@code Accept} headers, path traversal, request lines and headers no client
 * would send, and valid requests put oddly. Each request is the raw bytes to send on a connection.
 *
 * <p>Kept out: programs that make the engine work hard (loops, deep call trees, large returns, the opcode
 * logger on a long run). They belong to the tests of the result-size and tracer limits, not to a protocol fuzz.
 */
final class HostileRequests {
    static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String[] RPC_METHODS = {"eth_chainId", "eth_blockNumber", "eth_getBalance", "eth_getCode",
            "eth_getTransactionCount", "eth_getStorageAt", "eth_getBlockByNumber", "eth_call", "eth_estimateGas",
            "eth_createAccessList", "debug_traceCall", "eth_simulateV1", "eth_callBundle", "eth_sendRawTransaction",
            "eth_subscribe", "", "ETH_CALL", "rpc.discover", "eth_call\u0000", "eth_getLogs"};
    private static final String[] TX_FIELDS = {"type", "from", "to", "data", "input", "value", "gas", "gasPrice",
            "maxFeePerGas", "maxPriorityFeePerGas", "maxFeePerBlobGas", "nonce", "accessList", "blobVersionedHashes",
            "authorizationList", "raw", "chainId", "colour", "\u0000", "gas\u200b", "ŧø"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
            "application/json;charset=utf-16", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/problem+json", "application/vnd.evil+json", "json",
            ";;;", "application/json; charset=\"", "*/*", "text/event-stream", "application/octet-stream", ""};
    private static final String[] ACCEPTS = {"application/json", "application/xml", "text/html", "text/event-stream",
            "*/*", "application/problem+json", "text/event-stream;q=0, application/json", "image/png", "garbage/",
            ";q=", "text/*", "application/json, text/event-stream", "text/html,application/xhtml+xml;q=0.9"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
            "FOO", "get", "PROPFIND", "CONNECT"};

    private final Random random;
    /** Ids of simulations that exist and have finished, for the lookups. */
    private final List<String> knownIds;

    HostileRequests(long seed, List<String> knownIds) {
        this.random = new Random(seed);
        this.knownIds = knownIds;
    }

    /** One request: what to send, and how to judge its answer. */
    record Shot(String description, String method, String path, byte[] bytes) {
        boolean rpc() {
            return method.equals("POST") && path.equals("/rpc");
        }
    }

    Shot next() {
        int pick = random.nextInt(100);
        if (pick < 30) {
            return post(pick(List.of("/v1/simulate", "/simulate")), simulateBody(), jsonHeaders());
        }
        if (pick < 42) {
            return post("/v1/simulate/bundle", bundleBody(), jsonHeaders());
        }
        if (pick < 66) {
            return post("/rpc", rpcBody(), jsonHeaders());
        }
        if (pick < 76) {
            return get(pick(List.of("/v1/simulations/" + id(), "/v1/simulations/" + id() + "/events", "/s/" + id())));
        }
        if (pick < 88) {
            return protocolAbuse();
        }
        return requestLineAbuse();
    }

    // ---- bodies ----

    private byte[] simulateBody() {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return json(tx(true));
        }
        if (kind < 6) {
            return mutate(json(tx(false)));
        }
        if (kind < 7) {
            return json(withCommon(tx(false)));
        }
        return oddDocument();
    }

    private byte[] bundleBody() {
        int kind = random.nextInt(8);
        if (kind < 4) {
            int count = random.nextInt(5) == 0 ? random.nextInt(130) : random.nextInt(4);
            StringBuilder txs = new StringBuilder("[");
            for (int i = 0; i < count; i++) {
                txs.append(i == 0 ? "" : ",").append(random.nextInt(4) == 0 ? value() : tx(random.nextBoolean()));
            }
            String bundle = "{\"transactions\":" + txs + "]"
                    + (random.nextInt(4) == 0 ? ",\"stopOnRevert\":" + value() : "") + "}";
            return json(random.nextInt(5) == 0 ? withCommon(bundle) : bundle);
        }
        if (kind < 6) {
            return mutate(json("{\"transactions\":[" + tx(true) + "," + tx(true) + "]}"));
        }
        return oddDocument();
    }

    private byte[] rpcBody() {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return json(rpcCall());
        }
        if (kind < 7) {
            int count = random.nextInt(6) == 0 ? random.nextInt(120) : random.nextInt(5);
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < count; i++) {
                batch.append(i == 0 ? "" : ",").append(random.nextInt(6) == 0 ? value() : rpcCall());
            }
            return json(batch.append(']').toString());
        }
        if (kind < 9) {
            return mutate(json(rpcCall()));
        }
        return oddDocument();
    }

    private String rpcCall() {
        String method = random.nextInt(8) == 0 ? pick(RPC_METHODS) : pick(List.of(RPC_METHODS).subList(0, 13));
        StringBuilder call = new StringBuilder("{");
        if (random.nextInt(10) != 0) {
            call.append("\"jsonrpc\":").append(random.nextInt(10) == 0 ? value() : "\"2.0\"").append(',');
        }
        int idKind = random.nextInt(10);
        if (idKind < 7) {
            call.append("\"id\":").append(random.nextInt(1000)).append(',');
        } else if (idKind < 9) {
            call.append("\"id\":").append(value()).append(',');
        } // else: a notification
        call.append("\"method\":").append(random.nextInt(12) == 0 ? value() : quote(method));
        if (random.nextInt(8) != 0) {
            call.append(",\"params\":").append(random.nextInt(5) == 0 ? value() : params(method));
        }
        return call.append('}').toString();
    }

    private String params(String method) {
        String block = pick(List.of("\"latest\"", "\"0x0\"", "\"pending\"", "\"0x99\"", "\"earliest\"", value(),
                "{\"blockNumber\":\"0x0\"}", "{\"blockHash\":\"0x" + "00".repeat(32) + "\"}"));
        return switch (method) {
            case "eth_getBalance", "eth_getCode", "eth_getTransactionCount" -> "[" + address() + "," + block + "]";
            case "eth_getStorageAt" -> "[" + address() + "," + quantity() + "," + block + "]";
            case "eth_getBlockByNumber" -> "[" + block + "," + pick(List.of("true", "false", value())) + "]";
            case "eth_call", "eth_estimateGas", "eth_createAccessList" -> "[" + tx(random.nextBoolean()) + ","
                    + block + (random.nextInt(4) == 0 ? "," + stateOverrides() : "") + "]";
            case "debug_traceCall" -> "[" + tx(random.nextBoolean()) + "," + block + "," + traceConfig() + "]";
            case "eth_simulateV1" -> "[{\"blockStateCalls\":[" + simulatedBlocks() + "]"
                    + (random.nextBoolean() ? ",\"traceTransfers\":" + pick(List.of("true", "false", value())) : "")
                    + (random.nextBoolean() ? ",\"validation\":" + pick(List.of("true", "false", value())) : "")
                    + "}," + block + "]";
            case "eth_callBundle" -> "[{\"txs\":[" + pick(List.of("\"0x02f8\"", "\"0xzz\"", "\"0x\"", value(),
                    quote("0x" + hex(random.nextInt(200))))) + "],\"blockNumber\":" + quantity()
                    + (random.nextBoolean() ? ",\"stateBlockNumber\":" + block : "") + "}]";
            default -> random.nextBoolean() ? "[]" : "[" + value() + "]";
        };
    }

    private String simulatedBlocks() {
        int count = random.nextInt(4);
        StringBuilder blocks = new StringBuilder();
        for (int i = 0; i < count; i++) {
            blocks.append(i == 0 ? "" : ",").append("{\"calls\":[").append(tx(random.nextBoolean())).append(']');
            if (random.nextInt(3) == 0) {
                blocks.append(",\"blockOverrides\":{\"number\":").append(quantity()).append(",\"time\":")
                        .append(quantity()).append('}');
            }
            blocks.append('}');
        }
        return blocks.toString();
    }

    /** The opcode logger only with a program of no code (a plain transfer) or none: its cost is not this test's. */
    private String traceConfig() {
        return pick(List.of("{}", "{\"tracer\":\"callTracer\"}", "{\"tracer\":\"prestateTracer\"}",
                "{\"tracer\":\"prestateTracer\",\"tracerConfig\":{\"diffMode\":true}}",
                "{\"tracer\":\"callTracer\",\"tracerConfig\":{\"onlyTopCall\":" + value() + "}}",
                "{\"tracer\":\"4byteTracer\"}", "{\"tracer\":" + value() + "}", "{\"disableStack\":" + value() + "}",
                "{\"timeout\":\"1h\"}", "{\"stateOverrides\":" + stateOverrides() + "}", value()));
    }

    /** A call object: sensible fields with sensible values when {@code plausible}, else anything. */
    private String tx(boolean plausible) {
        if (plausible) {
            return "{\"from\":\"" + DEV + "\",\"to\":\"" + RECIPIENT + "\",\"value\":" + pick(List.of("\"0x1\"", "1",
                    "\"1000000000000000000\"", "\"0x0\"")) + (random.nextBoolean() ? ",\"gas\":\"0x5208\"" : "") + "}";
        }
        StringBuilder tx = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String field = pick(TX_FIELDS);
            tx.append(i == 0 ? "" : ",").append(quote(field)).append(':').append(fieldValue(field));
        }
        return tx.append('}').toString();
    }

    private String fieldValue(String field) {
        return switch (field) {
            case "from", "to" -> address();
            case "data", "input", "raw" -> hexString();
            case "accessList" -> pick(List.of("[]", "[{\"address\":" + address() + ",\"storageKeys\":[" + hexString()
                    + "]}]", "[{}]", value()));
            case "authorizationList" -> pick(List.of("[]", "[{\"chainId\":1,\"address\":" + address()
                    + ",\"nonce\":0,\"yParity\":" + quantity() + ",\"r\":\"0x1\",\"s\":\"0x1\"}]", "[{}]", value()));
            case "blobVersionedHashes" -> pick(List.of("[]", "[" + hexString() + "]", value()));
            default -> random.nextInt(3) == 0 ? value() : quantity();
        };
    }

    private String withCommon(String object) {
        StringBuilder extra = new StringBuilder();
        if (random.nextBoolean()) {
            extra.append(",\"block\":").append(pick(List.of("\"latest\"", "\"0x0\"", "\"0x" + "f".repeat(16) + "\"",
                    "\"0x" + "ab".repeat(32) + "\"", "\"yesterday\"", "-1", value())));
        }
        if (random.nextBoolean()) {
            extra.append(",\"stateOverrides\":").append(stateOverrides());
        }
        if (random.nextBoolean()) {
            extra.append(",\"blockOverrides\":{\"number\":").append(quantity()).append(",\"baseFee\":")
                    .append(quantity()).append(",\"coinbase\":").append(address()).append('}');
        }
        if (random.nextBoolean()) {
            extra.append(",\"validation\":").append(pick(List.of("true", "false", value())));
        }
        return object.substring(0, object.length() - 1) + (object.length() > 2 ? "" : "\"colour\":1") + extra + "}";
    }

    /** Balances, nonces, a returning program and slots; never a program that loops. */
    private String stateOverrides() {
        return pick(List.of("{}", "{\"" + RECIPIENT + "\":{\"balance\":" + quantity() + "}}",
                "{\"" + RECIPIENT + "\":{\"code\":\"0x602a60005260206000f3\",\"nonce\":" + quantity() + "}}",
                "{\"" + RECIPIENT + "\":{\"state\":{\"0x" + "00".repeat(32) + "\":\"0x" + "01".repeat(32) + "\"},"
                        + "\"stateDiff\":{}}}",
                "{\"" + RECIPIENT + "\":{\"stateDiff\":{" + hexString() + ":" + hexString() + "}}}",
                "{" + address() + ":{}}", "{\"0x12\":" + value() + "}", value()));
    }

    /** A document that is not a request: not JSON, deep, huge, of another type, not UTF-8. */
    private byte[] oddDocument() {
        return switch (random.nextInt(16)) {
            case 0 -> new byte[0];
            case 1 -> utf8(pick(List.of("null", "[]", "{}", "1", "\"x\"", "true", "   ", "{\"a\":1}{\"b\":2}")));
            case 2 -> utf8("[".repeat(depth()) + "]".repeat(random.nextBoolean() ? depth() : 0));
            case 3 -> utf8("{\"a\":".repeat(depth()) + "1" + "}".repeat(depth()));
            case 4 -> utf8("{\"data\":\"0x" + "ab".repeat(random.nextInt(160_000)) + "\"}");
            case 5 -> utf8("{\"data\":\"0x" + "00".repeat(150_001 + random.nextInt(1_000)) + "\"}");
            case 6 -> randomBytes(random.nextInt(2_000));
            case 7 -> new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};
            case 8 -> new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'};
            case 9 -> utf8("{\"from\":\"" + DEV + "\",\"from\":\"" + RECIPIENT + "\"}");
            case 10 -> utf8("{\"to\":\"\u0000\u0000\",\"\u202e\":\"\ud83d\ude00\"}");
            case 11 -> utf8("{\"value\":" + "9".repeat(random.nextInt(5_000)) + "}");
            case 12 -> utf8("{\"value\":1e" + random.nextInt(100_000) + ",\"gas\":-0.0}");
            case 13 -> utf8("{\"transactions\":[" + "{},".repeat(random.nextInt(2_000)) + "{}]}");
            case 14 -> utf8("{\"x\":\"" + "\\u0000".repeat(random.nextInt(10_000)) + "\"}");
            default -> utf8("{\"" + "k".repeat(random.nextInt(100_000)) + "\":1}");
        };
    }

    private int depth() {
        return pick(List.of(10, 500, 1_001, 5_000, 50_000));
    }

    /** Deletes, inserts, repeats or flips a few bytes of a document. */
    private byte[] mutate(byte[] document) {
        byte[] bytes = document.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && bytes.length > 1; i++) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(4)) {
                case 0 -> concat(slice(bytes, 0, at), slice(bytes, at + 1, bytes.length));
                case 1 -> concat(slice(bytes, 0, at), new byte[] {pick(new byte[] {'{', '[', '"', ',', ':', '\\', 0,
                        (byte) 0xc3, '}', ']', '-', 'e', '.'})}, slice(bytes, at, bytes.length));
                case 2 -> concat(slice(bytes, 0, at), slice(bytes, 0, at), slice(bytes, at, bytes.length));
                default -> {
                    bytes[at] = (byte) random.nextInt(256);
                    yield bytes;
                }
            };
        }
        return bytes;
    }

    // ---- values ----

    private String value() {
        return pick(List.<Supplier<String>>of(() -> "null", () -> "true", () -> "[]", () -> "{}", () -> "\"\"",
                () -> "-1", () -> "1.5", () -> "1e400", () -> "\"\\u0000\"", () -> "\"\ud83d\ude00\"",
                () -> quote("x".repeat(random.nextInt(3_000))), () -> "[" + quantity() + "]",
                () -> "{\"" + pick(TX_FIELDS) + "\":" + quantity() + "}", () -> "\"0x\"", () -> "18446744073709551616",
                () -> "-9223372036854775809", () -> "\"\\ud800\"", this::hexString, this::quantity)).get();
    }

    private String quantity() {
        return pick(List.<Supplier<String>>of(() -> "\"0x1\"", () -> "1", () -> "0", () -> "\"0x0\"", () -> "-1",
                () -> "\"-0x1\"", () -> "1.5", () -> "1e30", () -> "\"0x" + "f".repeat(1 + random.nextInt(80)) + "\"",
                () -> "\"" + "9".repeat(1 + random.nextInt(90)) + "\"", () -> "18446744073709551615",
                () -> "\"0x\"", () -> "\" 1\"", () -> "\"0X10\"", () -> "\"0x01\"", () -> "\"1_000\"",
                () -> "\"٣\"", () -> "\"0x5208\"")).get();
    }

    private String address() {
        return pick(List.<Supplier<String>>of(() -> "\"" + DEV + "\"", () -> "\"" + RECIPIENT + "\"",
                () -> "\"0x" + hex(random.nextInt(25)) + "\"", () -> "\"0xzz" + "0".repeat(38) + "\"",
                () -> "\"" + DEV.substring(2) + "\"", () -> "\"0X" + DEV.substring(2).toUpperCase() + "\"",
                () -> "\"" + DEV + "\\u0000\"", () -> "\"0x00000000000000000000000000000000000000０1\"",
                () -> "\"0x0000000000000000000000000000000000000001\"", this::value)).get();
    }

    private String hexString() {
        return pick(List.<Supplier<String>>of(() -> "\"0x" + hex(random.nextInt(70)) + "\"", () -> "\"0x\"",
                () -> "\"0xabc\"", () -> "\"0xgg\"", () -> "\"" + hex(4) + "\"", () -> "\"0x" + hex(32) + "\"",
                () -> "\"0x" + hex(32).toUpperCase() + "\"", () -> "\"0x\\u0000\"")).get();
    }

    private String hex(int bytes) {
        StringBuilder hex = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            hex.append(String.format("%02x", random.nextInt(256)));
        }
        return hex.toString();
    }

    private String id() {
        return pick(List.<Supplier<String>>of(
                () -> knownIds.isEmpty() ? "00000000-0000-0000-0000-000000000000" : pick(knownIds),
                () -> java.util.UUID.randomUUID().toString(), () -> "1-1-1-1-1", () -> "x", () -> "%00",
                () -> "..%2F..%2Fetc%2Fpasswd", () -> "%2e%2e", () -> "%ff%fe", () -> "%E2%80%AE",
                () -> "a".repeat(random.nextInt(5_000)), () -> "%3Cscript%3E", () -> "' OR 1=1 --",
                () -> "null", () -> "..;", () -> "%25", () -> "%")).get();
    }

    // ---- protocol ----

    private Shot protocolAbuse() {
        String path = pick(List.of("/v1/simulate", "/simulate", "/v1/simulate/bundle", "/rpc", "/v1/simulations/"
                + id(), "/v1/simulations/" + id() + "/events", "/error", "/", "/v2/simulate", "/v1/simulate/",
                "/v1/simulations", "/v1/simulations/", "/favicon.ico", "/v1/simulate?x=%00", "/v1/simulate;a=b",
                "/rpc/", "/RPC", "//v1/simulate", "/v1//simulations/" + id(), "/index.html", "/static/x.js", "/s/" + id(),
                "/page/simulation.css"));
        String method = pick(METHODS);
        List<String> headers = new ArrayList<>();
        if (random.nextInt(4) != 0) {
            headers.add("Content-Type: " + pick(CONTENT_TYPES));
        }
        if (random.nextInt(4) != 0) {
            headers.add("Accept: " + pick(ACCEPTS));
        }
        headerAbuse(headers);
        byte[] body = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> json(tx(true));
            case 2 -> json(rpcCall());
            default -> oddDocument();
        };
        if (method.equals("CONNECT")) {
            path = "127.0.0.1:443";
        }
        boolean chunked = body != null && random.nextInt(5) == 0;
        return shot(method, path, headers, body, chunked);
    }

    private void headerAbuse(List<String> headers) {
        switch (random.nextInt(16)) {
            case 0 -> headers.add("X-Big: " + "a".repeat(9_000 + random.nextInt(10_000)));
            case 1 -> {
                for (int i = 0; i < 120; i++) {
                    headers.add("X-Many-" + i + ": " + i);
                }
            }
            case 2 -> headers.add("X-Bad\u0001: v");
            case 3 -> headers.add("X-Fold: a\r\n continued");
            case 4 -> headers.add("Expect: 100-continue");
            case 5 -> headers.add("X-Request-Id: " + pick(List.of("abc-123", "\u00ff\u00fe", "x".repeat(500), "a b")));
            case 6 -> headers.add("Accept-Encoding: gzip, br, " + "x,".repeat(200));
            case 7 -> headers.add("Content-Encoding: gzip");
            case 8 -> headers.add("Range: bytes=0-1");
            case 9 -> headers.add("If-None-Match: *");
            case 10 -> headers.add("Origin: http://evil.example");
            case 11 -> headers.add("Cookie: " + "a=b; ".repeat(300));
            default -> { }
        }
    }

    /** What no ordinary client sends: broken request lines, lengths that disagree, NULs in the target. */
    private Shot requestLineAbuse() {
        byte[] body = json(tx(true));
        String line = switch (random.nextInt(14)) {
            case 0 -> "GET /v1/simulations/\u0000 HTTP/1.1";
            case 1 -> "GET /v1/simulations/../../etc/passwd HTTP/1.1";
            case 2 -> "GET /../../../etc/passwd HTTP/1.1";
            case 3 -> "GET /v1/simulations/%2e%2e/%2e%2e/x HTTP/1.1";
            case 4 -> "GET /v1/simulations/a%2Fb HTTP/1.1";
            case 5 -> "GET /v1/simulations/a%5cb HTTP/1.1";
            case 6 -> "POST /v1/simulate HTTP/9.9";
            case 7 -> "POST /v1/simulate HTTP/1.0";
            case 8 -> "GET /" + "a".repeat(10_000) + " HTTP/1.1";
            case 9 -> "GET  /v1/simulations/x  HTTP/1.1";
            case 10 -> "GET /v1/simulations/x y HTTP/1.1";
            case 11 -> "POST http://evil.example/v1/simulate HTTP/1.1";
            case 12 -> "GET /v1/simulations/\u00e9\u00ff HTTP/1.1";
            default -> "GET /v1/simulations/%zz HTTP/1.1";
        };
        List<String> headers = new ArrayList<>(List.of("Host: 127.0.0.1", "Connection: close"));
        switch (random.nextInt(6)) {
            case 0 -> headers.addAll(List.of("Content-Length: " + body.length, "Content-Length: " + (body.length + 1)));
            case 1 -> headers.add("Content-Length: -1");
            case 2 -> headers.addAll(List.of("Transfer-Encoding: chunked", "Content-Length: " + body.length));
            case 3 -> headers.add("Content-Length: abc");
            case 4 -> headers.set(0, "X-No-Host: 1");
            default -> headers.add("Content-Length: " + body.length);
        }
        String head = line + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
        String method = line.substring(0, line.indexOf(' '));
        return new Shot("raw: " + line.substring(0, Math.min(line.length(), 80)) + " " + headers.subList(1,
                headers.size()), method, "raw", concat(head.getBytes(StandardCharsets.ISO_8859_1), body));
    }

    private Shot post(String path, byte[] body, List<String> headers) {
        headerAbuse(headers);
        return shot("POST", path, headers, body, random.nextInt(20) == 0);
    }

    private Shot get(String path) {
        List<String> headers = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            headers.add("Accept: " + pick(ACCEPTS));
        }
        return shot("GET", path, headers, null, false);
    }

    private List<String> jsonHeaders() {
        List<String> headers = new ArrayList<>();
        headers.add("Content-Type: " + (random.nextInt(10) == 0 ? pick(CONTENT_TYPES) : "application/json"));
        if (random.nextInt(4) == 0) {
            headers.add("Accept: " + pick(ACCEPTS));
        }
        return headers;
    }

    private Shot shot(String method, String path, List<String> headers, byte[] body, boolean chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && chunked) {
            int at = 0;
            while (at < body.length) {
                int size = Math.min(body.length - at, 1 + random.nextInt(4_096));
                out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, size);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                at += size;
            }
            out.writeBytes((random.nextInt(8) == 0 ? "zz\r\n\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            out.writeBytes(body);
        }
        String summary = method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path) + " "
                + headers.stream().map(h -> h.length() > 60 ? h.substring(0, 60) + "..." : h).toList()
                + (body == null ? "" : " body " + preview(body)) + (chunked ? " (chunked)" : "");
        return new Shot(summary, method, path, out.toByteArray());
    }

    // ---- helpers ----

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                .replace("\u0000", "\\0");
        return text + (body.length > 160 ? "... (" + body.length + " bytes)" : "");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] json(String text) {
        return utf8(text);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, Math.min(to, bytes.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private byte pick(byte[] options) {
        return options[random.nextInt(options.length)];
    }
}
