package io.evmsim.common.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class SimulationJsonTest {
    /** A call tree as the worker writes one: each frame's {@code calls} holds the next. */
    private static ObjectNode callTree(int frames) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("type", "CALL");
        ObjectNode frame = root;
        for (int depth = 1; depth < frames; depth++) {
            frame = frame.putArray("calls").addObject().put("type", "CALL");
        }
        return root;
    }

    @Test
    void aCallTreeOf1024FramesIsWrittenAndReadBack() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("callTree", callTree(1024));
        String text = SimulationJson.text(document);
        JsonNode read = SimulationJson.mapper().readTree(text);
        int frames = 0;
        for (JsonNode frame = read.get("callTree"); frame != null; frame = frame.path("calls").get(0)) {
            frames++;
        }
        assertEquals(1024, frames);
    }

    @Test
    void jacksonsDefaultsRefuseTheSameTree() {
        // why the mapper's limit is raised: a node's own toString and a default mapper stop at 500 levels
        String text = SimulationJson.text(callTree(1024));
        assertThrows(StreamConstraintsException.class, () -> JsonMapper.builder().build().readTree(text));
    }

    @Test
    void aDocumentDeeperThanAnyCallTreeIsStillRefused() {
        String deep = "[".repeat(SimulationJson.MAX_NESTING_DEPTH + 1) + "]".repeat(SimulationJson.MAX_NESTING_DEPTH + 1);
        assertThrows(StreamConstraintsException.class, () -> SimulationJson.mapper().readTree(deep));
    }
}
