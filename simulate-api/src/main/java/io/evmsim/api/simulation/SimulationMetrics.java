package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code evmsim.simulations} {outcome, kind}, counted where results are stored (once per simulation),
 * and {@code evmsim.simulation.duration} {kind}, end to end, timed where the final result reaches the
 * replica holding the client.
 */
public final class SimulationMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    /** Meters counted for every simulation, looked up once. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<SimulationKind, Timer> durations = new EnumMap<>(SimulationKind.class);

    /** The outcomes of {@code evmsim.simulations}. */
    static final List<String> OUTCOMES = List.of("success", "reverted", "halted", "invalid", "error");

    /** Registers every outcome's counter at zero, so a dashboard shows 0 rather than no data. */
    public SimulationMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (SimulationKind kind : SimulationKind.values()) {
            OUTCOMES.forEach(outcome -> counter(outcome, kind));
            durations.put(kind, Timer.builder("evmsim.simulation.duration")
                    .description("From acceptance to the final result").tag("kind", kind.tag())
                    .publishPercentileHistogram().register(registry));
        }
    }

    private Counter counter(String outcome, SimulationKind kind) {
        return counters.computeIfAbsent(outcome + ' ' + kind, key -> Counter.builder("evmsim.simulations")
                .description("Simulations finished, by outcome").tag("outcome", outcome).tag("kind", kind.tag())
                .register(registry));
    }

    /** A simulation's final result was stored: counted once, whichever replica stored it. */
    public void finished(SimulationEvent event) {
        counter(event.outcome(), event.kind()).increment();
    }

    /** A simulation's final result reached its waiting client's replica: the end-to-end time. */
    public void answered(SimulationEvent event) {
        durations.get(event.kind()).record(Duration.ofMillis(Math.max(0, clock.millis() - event.submittedAtMillis())));
    }
}
