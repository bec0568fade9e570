package io.evmsim.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.api.page.SimulationPageController;
import io.evmsim.api.rpc.JsonRpcEndpoint;
import io.evmsim.api.rpc.RpcController;
import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.tenant.ApiKeyStore;
import io.evmsim.api.tenant.ShareController;
import io.evmsim.api.tenant.Tenancy;
import io.evmsim.api.web.SimulationController;
import io.evmsim.api.web.SimulationStreams;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document agrees with the controllers: every operation the gateway's controllers map is
 * in {@code /v3/api-docs} with its request body and responses described, nothing is documented that
 * no controller maps, every {@code $ref} resolves, and the document is OpenAPI 3.1.
 */
@SpringBootTest(classes = OpenApiDocumentTest.Gateway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=simulate-api", "server.port=0", "management.server.port=",
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
class OpenApiDocumentTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/([A-Za-z]+)/([A-Za-z0-9_.-]+)\"");

    /** The gateway's controllers alone, with the services behind them mocked: no Kafka, no PostgreSQL. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SimulationController.class, RpcController.class, ShareController.class, SimulationPageController.class,
            OpenApiDocument.class})
    static class Gateway {
        @Bean
        SimulationLimits simulationLimits() {
            return new SimulationLimits(50_000_000L, Duration.ofSeconds(5), 100, 300_000, Duration.ofSeconds(10),
                    Duration.ofDays(7));
        }
    }

    @MockitoBean
    SimulationService simulations;
    @MockitoBean
    SimulationStreams streams;
    @MockitoBean
    JsonRpcEndpoint rpc;
    @MockitoBean
    Tenancy tenancy;
    @MockitoBean
    ApiKeyStore keys;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentDescribesExactlyWhatTheControllersMap() throws Exception {
        JsonNode document = JSON.readTree(get("/v3/api-docs"));
        assertTrue(document.get("openapi").asString().startsWith("3.1"), document.get("openapi").asString());

        Set<String> mapped = new TreeSet<>();
        Set<String> readingABody = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("io.evmsim.api")) {
                return;
            }
            for (String path : info.getPatternValues()) {
                if (path.equals("/error")) {
                    continue; // the error page, not an operation of the API
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    mapped.add(method.name() + " " + path);
                    if (Arrays.stream(handler.getMethodParameters())
                            .anyMatch(parameter -> parameter.getParameterType() == HttpServletRequest.class)) {
                        readingABody.add(method.name() + " " + path); // the controllers read their bodies themselves
                    }
                }
            }
        });
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertEquals(mapped, documented, "the controllers' operations and the document's");

        Set<String> described = new TreeSet<>(OpenApiDocument.described().operations().keySet());
        assertEquals(mapped, described, "the controllers' operations and those " + OpenApiDocument.RESOURCE
                + " describes");

        List<String> missing = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String name = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            if (name.startsWith("POST") && readingABody.contains(name) && !operation.has("requestBody")) {
                missing.add(name + " has no request body");
            }
            if (!operation.path("responses").has("200") && !operation.path("responses").has("204")) {
                missing.add(name + " has no 200 or 204 response");
            }
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyReferenceResolvesAndTheResultSchemaCarriesThePreview() throws Exception {
        String text = get("/v3/api-docs");
        JsonNode components = JSON.readTree(text).get("components");
        Matcher ref = REF.matcher(text);
        List<String> unresolved = new ArrayList<>();
        int count = 0;
        while (ref.find()) {
            count++;
            if (!components.path(ref.group(1)).has(ref.group(2))) {
                unresolved.add(ref.group(0));
            }
        }
        assertTrue(count > 20, "only " + count + " references");
        assertEquals(List.of(), unresolved);
        JsonNode result = components.at("/schemas/TransactionResult/properties");
        for (String field : List.of("summary", "warnings", "assetChanges", "callTree", "logs", "revert")) {
            assertTrue(result.has(field), "TransactionResult lacks " + field);
        }
        assertEquals(9, components.at("/schemas/Warning/properties/code/enum").size());
        for (String schema : List.of("TransactionResult", "BundleSummary")) {
            assertEquals("#/components/schemas/Provenance",
                    components.at("/schemas/" + schema + "/properties/provenance/$ref").asString(), schema);
        }
        assertEquals("[\"PLAIN\",\"CARRIED\",\"DEVNET\"]",
                components.at("/schemas/Provenance/properties/unproven/items/properties/source/enum").toString());
        assertTrue(components.at("/schemas/Common/properties").has("abis"));
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/swagger-ui.html")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("swagger-ui"), page.body());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
