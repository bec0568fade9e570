package io.evmsim.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.evmsim.common.simulation.SimulationError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aGatewayProblemNamesItsTypeCodeTitleStatusFieldAndOccurrence() {
        JsonNode document = JSON.readTree(Problems.json(Problems.at(Problems.of(ApiProblem.BODY_TOO_LARGE,
                "the body is larger than the limit of 300000 bytes", "body"), "/v1/simulate", "req-1")));
        assertEquals("https://evmsim.io/problems/body-too-large", document.get("type").stringValue());
        assertEquals("Request body too large", document.get("title").stringValue());
        assertEquals(413, document.get("status").intValue());
        assertEquals("the body is larger than the limit of 300000 bytes", document.get("detail").stringValue());
        assertEquals("/v1/simulate", document.get("instance").stringValue());
        assertEquals("BODY_TOO_LARGE", document.get("code").stringValue());
        assertEquals("body", document.get("field").stringValue());
        assertEquals("req-1", document.get("requestId").stringValue());
    }

    @Test
    void everySimulationErrorIsADocumentWithItsOwnStatusAndATitleFromItsName() {
        for (SimulationError error : SimulationError.values()) {
            JsonNode document = JSON.readTree(Problems.json(Problems.of(error, "why", null)));
            assertEquals(error.name(), document.get("code").stringValue());
            assertEquals(error.httpStatus(), document.get("status").intValue());
            assertEquals(Problems.TYPE_BASE + error.name().toLowerCase().replace('_', '-'),
                    document.get("type").stringValue());
            assertFalse(document.has("field"));
        }
        assertEquals("Deadline exceeded", Problems.of(SimulationError.DEADLINE_EXCEEDED, "late", null).getTitle());
    }

    @Test
    void aPathThatIsNoUriIsQuotedAndOneThatIsIsKeptAsSent() {
        assertEquals("/v1/simulations/a%20b%7C", Problems.at(Problems.of(ApiProblem.NOT_FOUND, "x", null),
                "/v1/simulations/a b|", "r").getInstance().toString());
        assertEquals("/v1/simulations/%00", Problems.at(Problems.of(ApiProblem.NOT_FOUND, "x", null),
                "/v1/simulations/%00", "r").getInstance().toString());
    }

    @Test
    void theContainersStatusesMapOntoTheGatewaysProblems() {
        assertEquals(ApiProblem.NOT_FOUND, ApiProblem.forStatus(404));
        assertEquals(ApiProblem.SERVICE_UNAVAILABLE, ApiProblem.forStatus(503));
        assertEquals(ApiProblem.METHOD_NOT_ALLOWED, ApiProblem.forStatus(501));
        assertEquals(ApiProblem.INVALID_REQUEST, ApiProblem.forStatus(505));
        assertEquals(ApiProblem.INVALID_REQUEST, ApiProblem.forStatus(431));
        assertEquals(ApiProblem.INTERNAL, ApiProblem.forStatus(502));
        assertEquals(ApiProblem.INVALID_REQUEST, ApiProblem.forStatus(403), "a key's problems are never the framework's");
        assertEquals(ApiProblem.TOO_MANY_STREAMS, ApiProblem.forStatus(429));
    }
}
