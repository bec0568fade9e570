package io.evmsim.api.web;

import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Submitted;
import io.evmsim.common.simulation.SimulationEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events: one event per transaction result ({@code transaction}), then {@code summary}
 * or {@code error}; the event id is the result's sequence number.
 */
@Component
public class SimulationStreams {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final SimulationService simulations;
    private final Duration streamTimeout;
    private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();

    public SimulationStreams(SimulationService simulations, io.evmsim.api.simulation.SimulationLimits limits) {
        this.simulations = simulations;
        this.streamTimeout = limits.syncWait().plus(limits.deadline());
    }

    /** Streams a simulation submitted to this replica as its results arrive from Kafka. */
    public SseEmitter live(Submitted submitted) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        submitted.watch().stream(event -> send(emitter, event));
        return emitter;
    }

    /**
     * Streams a simulation from the shared store, whichever replica ran it: what is stored, then
     * new results as they are stored, until the final one.
     */
    public SseEmitter stored(String id) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        pollers.submit(() -> {
            long deadline = System.nanoTime() + streamTimeout.toNanos();
            int next = 0;
            while (System.nanoTime() < deadline) {
                List<SimulationEvent> events = simulations.storedEvents(id, next);
                for (SimulationEvent event : events) {
                    if (!send(emitter, event)) {
                        return null;
                    }
                    next = event.sequence() + 1;
                }
                if (!events.isEmpty() && events.getLast().isFinal()) {
                    return null;
                }
                Thread.sleep(POLL_INTERVAL);
            }
            emitter.complete();
            return null;
        });
        return emitter;
    }

    /** False when the client is gone. Completes the stream after the final event. */
    private static boolean send(SseEmitter emitter, SimulationEvent event) {
        try {
            emitter.send(SseEmitter.event().id(Integer.toString(event.sequence())).name(event.type().eventName())
                    .data(event.payload()));
            if (event.isFinal()) {
                emitter.complete();
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }
}
