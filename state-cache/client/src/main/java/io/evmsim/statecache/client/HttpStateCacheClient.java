package io.evmsim.statecache.client;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** {@link StateCacheClient} over the service's HTTP API ({@link Protocol}), with java.net.http and Jackson 3. */
public final class HttpStateCacheClient implements StateCacheClient {
    private final URI baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final JsonMapper json = StateCacheJson.mapper();

    /**
     * @param baseUrl        the service, for example http://localhost:8082
     * @param requestTimeout how long one call may take, including the service's upstream fetches
     */
    public HttpStateCacheClient(URI baseUrl, Duration requestTimeout) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        return get("v1/blocks/" + URLEncoder.encode(blockId, StandardCharsets.UTF_8), BlockHeader.class);
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        return read(block, slotsByAccount, null).accounts();
    }

    @Override
    public HintedRead read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
            List<Protocol.CallHint> hints) {
        List<Protocol.AccountRequest> accounts = new ArrayList<>(slotsByAccount.size());
        slotsByAccount.forEach((address, slots) -> accounts.add(new Protocol.AccountRequest(address, List.copyOf(slots))));
        Protocol.ReadResponse response = post("v1/state", new Protocol.ReadRequest(block.hash(), block.number(),
                accounts, hints == null || hints.isEmpty() ? null : hints), Protocol.ReadResponse.class);
        if (response.accounts() == null || response.accounts().size() != accounts.size()) {
            throw new StateCacheException("state-cache answered " + (response.accounts() == null ? "no"
                    : response.accounts().size()) + " accounts for " + accounts.size() + " requested");
        }
        return new HintedRead(response.accounts(), response.hinted() == null ? List.of() : response.hinted(),
                checkedCode(response.code() == null ? Map.of() : response.code()));
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Protocol.CodeResponse response = post("v1/code", new Protocol.CodeRequest(List.copyOf(codeHashes)),
                Protocol.CodeResponse.class);
        Map<Hash, String> answered = response.code() == null ? Map.of() : response.code();
        for (Hash requested : codeHashes) {
            if (answered.get(requested) == null) {
                throw new StateCacheException("state-cache answered no code for " + requested);
            }
        }
        return checkedCode(answered);
    }

    /** Content-addressed: the bytes must hash to their key, whatever the transport did. */
    private static Map<Hash, byte[]> checkedCode(Map<Hash, String> answered) {
        Map<Hash, byte[]> code = new HashMap<>();
        answered.forEach((hash, hex) -> {
            byte[] bytes = Hex.decode(hex);
            if (!Keccak.hash(bytes).equals(hash)) {
                throw new StateCacheException("state-cache answered code that does not hash to " + hash);
            }
            code.put(hash, bytes);
        });
        return code;
    }

    @Override
    public Protocol.WitnessResponse witness(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
            Set<Hash> codeHashes, Set<Long> blockHashNumbers) {
        List<Protocol.AccountRequest> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, slots) -> accounts.add(new Protocol.AccountRequest(address, List.copyOf(slots))));
        return post("v1/witness", new Protocol.WitnessRequest(block.hash(), block.number(), accounts,
                List.copyOf(codeHashes), List.copyOf(blockHashNumbers)), Protocol.WitnessResponse.class);
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return get("v1/block-hashes/" + number + "?block=" + pinned.hash(), Protocol.BlockHashResponse.class).hash();
    }

    @Override
    public ChainDescription chain() {
        return get("v1/chain", ChainDescription.class);
    }

    private <T> T get(String path, Class<T> type) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET(), path, type);
    }

    private <T> T post(String path, Object body, Class<T> type) {
        byte[] bytes = json.writeValueAsBytes(body);
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), path, type);
    }

    private <T> T send(HttpRequest.Builder builder, String path, Class<T> type) {
        Duration timeout = CallDeadline.bound(requestTimeout);
        if (timeout.isZero()) {
            throw new StateCacheException("state-cache " + path + " not called: the caller's deadline has passed");
        }
        HttpRequest request = builder.timeout(timeout).header("Accept", "application/json").build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new StateCacheException("state-cache " + path + " timed out after " + timeout, e);
        } catch (IOException e) {
            throw new StateCacheException("state-cache at " + baseUrl + " unreachable for " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateCacheException("interrupted while calling state-cache " + path, e);
        }
        UpstreamTally.record(response.headers());
        if (response.statusCode() / 100 != 2) {
            throw new StateCacheException("state-cache " + path + " answered " + response.statusCode() + ": "
                    + describeError(response.body()), response.statusCode(), null);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new StateCacheException("state-cache " + path + " answered unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String describeError(byte[] body) {
        try {
            Protocol.ErrorResponse error = json.readValue(body, Protocol.ErrorResponse.class);
            return error.error() + ": " + error.message();
        } catch (JacksonException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
