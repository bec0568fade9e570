package io.evmsim.admin;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import io.evmsim.api.problem.Problems;
import io.evmsim.api.tenant.ApiKey;
import io.evmsim.api.tenant.ApiKeyStore;
import io.evmsim.api.tenant.ApiKeys;
import io.evmsim.api.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The keys' administration, on the management port ({@link KeyAdminConfiguration}):
 * {@code POST /admin/v1/keys} {@code {"name", "requestsPerSecond", "gasPerDay"}} answers 201 with the key,
 * shown this once; {@code GET} lists the keys (never the keys themselves) with the gas each used today;
 * {@code PATCH /admin/v1/keys/{id}} changes any of the three; {@code DELETE} revokes the key (it is then
 * answered 403, not 401: its holder learns why). Refusals are the gateway's problem documents.
 */
@RestController
public class KeyAdminController {
    static final String PATH = "/admin/v1/keys";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("name", "requestsPerSecond", "gasPerDay");
    private static final int MAX_NAME = 100;
    private static final int MAX_REQUESTS_PER_SECOND = 1_000_000;

    private final ApiKeys keys;

    public KeyAdminController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping(path = PATH)
    public ResponseEntity<String> create(@RequestBody(required = false) byte[] body) {
        JsonNode fields = fields(body);
        for (String field : FIELDS) {
            if (!fields.has(field)) {
                throw invalid(field, "is required");
            }
        }
        ApiKeys.Created created = keys.create(name(fields), requestsPerSecond(fields), gasPerDay(fields));
        ObjectNode json = json(created.key());
        json.put("key", created.secret());
        return ResponseEntity.created(URI.create(PATH + "/" + created.key().id()))
                .contentType(MediaType.APPLICATION_JSON).body(json.toString());
    }

    @GetMapping(path = PATH)
    public ResponseEntity<String> list() {
        ArrayNode list = JSON.createArrayNode();
        for (ApiKeyStore.KeyUsage usage : keys.list()) {
            list.add(json(usage.key()).put("gasUsedToday", usage.gasUsedToday()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list.toString());
    }

    @PatchMapping(path = PATH + "/{id}")
    public ResponseEntity<String> update(@PathVariable("id") String id, @RequestBody(required = false) byte[] body) {
        JsonNode fields = fields(body);
        if (fields.isEmpty()) {
            throw invalid(null, "name the fields to change: name, requestsPerSecond, gasPerDay");
        }
        ApiKey key = keys.update(parse(id), fields.has("name") ? name(fields) : null,
                        fields.has("requestsPerSecond") ? requestsPerSecond(fields) : null,
                        fields.has("gasPerDay") ? gasPerDay(fields) : null)
                .orElseThrow(() -> notFound(id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(key).toString());
    }

    @DeleteMapping(path = PATH + "/{id}")
    public ResponseEntity<Void> revoke(@PathVariable("id") String id) {
        keys.revoke(parse(id)).orElseThrow(() -> notFound(id));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ProblemException.class)
    public void refused(ProblemException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ProblemResponses.write(Problems.of(e.problem(), e.getMessage(), e.field()), request, request.getRequestURI(),
                response);
    }

    private static JsonNode fields(byte[] body) {
        JsonNode fields;
        try {
            fields = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalid(null, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (fields == null || !fields.isObject()) {
            throw invalid(null, "the body must be a JSON object: {\"name\", \"requestsPerSecond\", \"gasPerDay\"}");
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw invalid(field.getKey(), "is not a field of a key (name, requestsPerSecond, gasPerDay)");
            }
        }
        return fields;
    }

    private static String name(JsonNode fields) {
        JsonNode name = fields.get("name");
        if (!name.isString() || name.asString().isBlank() || name.asString().length() > MAX_NAME) {
            throw invalid("name", "must be a non-blank string of at most " + MAX_NAME + " characters");
        }
        return name.asString().strip();
    }

    private static int requestsPerSecond(JsonNode fields) {
        JsonNode rate = fields.get("requestsPerSecond");
        if (!rate.isIntegralNumber() || !rate.canConvertToInt() || rate.asInt() < 1
                || rate.asInt() > MAX_REQUESTS_PER_SECOND) {
            throw invalid("requestsPerSecond", "must be a whole number from 1 to " + MAX_REQUESTS_PER_SECOND);
        }
        return rate.asInt();
    }

    private static long gasPerDay(JsonNode fields) {
        JsonNode gas = fields.get("gasPerDay");
        if (!gas.isIntegralNumber() || !gas.canConvertToLong() || gas.asLong() < 1) {
            throw invalid("gasPerDay", "must be a whole number of at least 1");
        }
        return gas.asLong();
    }

    private static ObjectNode json(ApiKey key) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", key.id().toString());
        json.put("name", key.name());
        json.put("prefix", key.prefix());
        json.put("requestsPerSecond", key.requestsPerSecond());
        json.put("gasPerDay", key.gasPerDay());
        json.put("createdAt", key.createdAt().toString());
        json.put("revokedAt", key.revoked() ? key.revokedAt().toString() : null);
        return json;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(ApiProblem.INVALID_REQUEST, field, field == null ? detail : field + " " + detail);
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ApiProblem.NOT_FOUND, null, "no API key " + id);
    }
}
