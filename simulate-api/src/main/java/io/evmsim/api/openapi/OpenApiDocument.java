package io.evmsim.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI 3.1 document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * springdoc finds the operations in the controllers; their request and result schemas, responses and
 * examples come from {@code openapi/evmsim-api.json}, one entry per {@code "METHOD /path"}, because the
 * controllers read and write JSON text themselves (the gateway checks requests field by field, and
 * passes the worker's results on byte for byte). {@code OpenApiDocumentTest} fails when the two disagree.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocument {
    static final String RESOURCE = "/openapi/evmsim-api.json";

    /** The document's info, components and operations as the resource describes them. */
    record Described(Info info, Components components, Map<String, Operation> operations) {
    }

    static Described described() {
        ObjectMapper mapper = Json31.mapper();
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = mapper.readTree(in);
            Map<String, Operation> operations = new LinkedHashMap<>();
            root.get("operations").properties().forEach(entry ->
                    operations.put(entry.getKey(), mapper.convertValue(entry.getValue(), Operation.class)));
            return new Described(mapper.convertValue(root.get("info"), Info.class),
                    mapper.convertValue(root.get("components"), Components.class), operations);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Bean
    OpenApiCustomizer evmsimOperations() {
        Described described = described();
        return openApi -> {
            openApi.info(described.info());
            openApi.components(described.components());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(operation, described.operations().get(key(method, path)))));
        };
    }

    static String key(PathItem.HttpMethod method, String path) {
        return method.name().toUpperCase(Locale.ROOT) + " " + path;
    }

    private static void describe(Operation generated, Operation described) {
        if (described == null) {
            return; // OpenApiDocumentTest names every operation the resource does not describe
        }
        generated.summary(described.getSummary());
        generated.description(described.getDescription());
        generated.requestBody(described.getRequestBody());
        generated.responses(described.getResponses());
    }
}
