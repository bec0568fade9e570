package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import java.util.List;

/**
 * The JSON answers built from a simulation's events. Payloads are the worker's JSON, spliced in
 * as they are rather than parsed and written again.
 */
final class SimulationResponses {
    private SimulationResponses() {
    }

    /**
     * One transaction: its result object (the final record) with the id in front; a bundle: the id, the status,
     * every transaction's result and the summary. A simulation that failed as a whole gives the error.
     */
    static String complete(String id, SimulationKind kind, List<SimulationEvent> events) {
        SimulationEvent last = events.getLast();
        if (last.type() == EventType.ERROR || kind == SimulationKind.SINGLE) {
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

    /** The code of a simulation's {@link EventType#ERROR} record, read from its payload's {@code code}. */
    static SimulationError errorCode(SimulationEvent error) {
        return SimulationError.of(SimulationJson.mapper().readTree(error.payload()).path("code").asString(""));
    }

    static String pending(String id) {
        return "{\"id\":\"" + id + "\",\"status\":\"pending\",\"location\":\"/v1/simulations/" + id + "\"}";
    }

    private static String withId(String id, String payload) {
        String rest = payload.substring(1).trim();
        return "{\"id\":\"" + id + "\"" + (rest.equals("}") ? "" : ",") + rest;
    }
}
