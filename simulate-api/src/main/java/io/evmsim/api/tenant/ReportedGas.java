package io.evmsim.api.tenant;

import io.evmsim.common.simulation.SimulationEvent;
import java.math.BigInteger;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The gas a simulation's final result reports, read from its JSON without building a tree (a result may be
 * megabytes): {@code gasUsed} of a single transaction, {@code totalGasUsed} of a bundle (and of
 * {@code eth_callBundle}), the sum of the blocks' {@code gasUsed} of {@code eth_simulateV1}, the top frame's
 * {@code gasUsed} of {@code debug_traceCall}'s call tracer; numbers or {@code 0x} quantities. An error and an
 * answer that reports no gas ({@code eth_call}'s return data) are zero.
 */
final class ReportedGas {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportedGas() {
    }

    static long of(SimulationEvent event) {
        if (event.type() != SimulationEvent.EventType.SUMMARY || event.payload() == null) {
            return 0;
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), event.payload())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return objectGas(parser);
            }
            long sum = 0;
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    sum += objectGas(parser);
                }
            }
            return sum;
        } catch (RuntimeException unreadable) {
            return 0; // the result is the worker's JSON: never expected, and no reason to refuse storing it
        }
    }

    /** Reads one object to its end: its {@code totalGasUsed}, else its {@code gasUsed}, else 0. */
    private static long objectGas(JsonParser parser) {
        long gasUsed = 0;
        long totalGasUsed = -1;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("gasUsed".equals(name) || "totalGasUsed".equals(name)) {
                long gas = quantity(parser, value);
                if ("gasUsed".equals(name)) {
                    gasUsed = gas;
                } else {
                    totalGasUsed = gas;
                }
            } else {
                parser.skipChildren();
            }
        }
        return totalGasUsed >= 0 ? totalGasUsed : gasUsed;
    }

    private static long quantity(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return Math.max(0, parser.getLongValue());
        }
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getString();
            try {
                return text.startsWith("0x") ? new BigInteger(text.substring(2), 16).longValueExact()
                        : Long.parseLong(text);
            } catch (ArithmeticException | NumberFormatException e) {
                return 0;
            }
        }
        parser.skipChildren();
        return 0;
    }
}
