package io.evmsim.api.simulation;

import io.evmsim.api.problem.Problems;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import java.util.List;
import java.util.Set;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

/**
 * The JSON answers built from a simulation's events. Payloads are the worker's JSON, spliced in
 * as they are rather than parsed and written again.
 */
final class SimulationResponses {
    /** The members of an error record that the problem document says in its own words. */
    private static final Set<String> ERROR_RECORD_MEMBERS = Set.of("status", "code", "error", "field", "type",
            "title", "detail", "instance", "requestId");

    private SimulationResponses() {
    }

    /**
     * One transaction: its result object (the final record) with the id in front; a bundle: the id, the status,
     * every transaction's result and the summary. A simulation that failed as a whole gives the error's
     * problem document.
     */
    static String complete(String id, SimulationKind kind, List<SimulationEvent> events) {
        SimulationEvent last = events.getLast();
        if (last.type() == EventType.ERROR) {
            return problem(id, last);
        }
        if (kind == SimulationKind.SINGLE) {
            return withId(id, last.payload()); // a single transaction's summary is its result
        }
        StringBuilder json = new StringBuilder(256).append("{\"id\":\"").append(id).append("\",\"status\":\"")
                .append(last.outcome()).append("\",\"transactions\":[");
        boolean first = true;
        for (SimulationEvent event : events) {
            if (event.type() == EventType.TRANSACTION) {
                json.append(first ? "" : ",").append(event.payload());
                first = false;
            }
        }
        return json.append("],\"summary\":").append(last.payload()).append('}').toString();
    }

    /**
     * A simulation's {@link EventType#ERROR} record as a problem document: the worker's code and message, the
     * field it names, the simulation as the occurrence; any further member of the record (a limit, a size)
     * is kept as a member of the document.
     */
    static String problem(String id, SimulationEvent error) {
        JsonNode payload = SimulationJson.mapper().readTree(error.payload());
        JsonNode field = payload.path("field");
        ProblemDetail problem = Problems.of(errorCode(payload), payload.path("error").asString("the simulation failed"),
                field.isString() ? field.stringValue() : null);
        payload.properties().forEach(member -> {
            if (!ERROR_RECORD_MEMBERS.contains(member.getKey())) {
                problem.setProperty(member.getKey(), member.getValue());
            }
        });
        return Problems.json(Problems.at(problem, "/v1/simulations/" + id, id));
    }

    /** The code of a simulation's {@link EventType#ERROR} record. */
    static SimulationError errorCode(SimulationEvent error) {
        return errorCode(SimulationJson.mapper().readTree(error.payload()));
    }

    private static SimulationError errorCode(JsonNode payload) {
        return SimulationError.of(payload.path("code").asString(""));
    }

    static String pending(String id) {
        return "{\"id\":\"" + id + "\",\"status\":\"pending\",\"location\":\"/v1/simulations/" + id + "\"}";
    }

    private static String withId(String id, String payload) {
        String rest = payload.substring(1).trim();
        return "{\"id\":\"" + id + "\"" + (rest.equals("}") ? "" : ",") + rest;
    }
}
