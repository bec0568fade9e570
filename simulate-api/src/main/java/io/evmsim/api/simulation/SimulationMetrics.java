package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;

/** {@code evmsim.simulations} {outcome, kind} and {@code evmsim.simulation.duration} {kind}, end to end. */
public final class SimulationMetrics {
    private final MeterRegistry registry;
    private final Clock clock;

    public SimulationMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public void finished(SimulationEvent event) {
        String kind = event.kind().tag();
        Counter.builder("evmsim.simulations").description("Simulations finished, by outcome")
                .tag("outcome", event.outcome()).tag("kind", kind).register(registry).increment();
        Timer.builder("evmsim.simulation.duration").description("From acceptance to the final result")
                .tag("kind", kind).publishPercentileHistogram().register(registry)
                .record(Duration.ofMillis(Math.max(0, clock.millis() - event.submittedAtMillis())));
    }
}
