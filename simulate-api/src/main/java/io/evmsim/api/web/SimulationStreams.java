package io.evmsim.api.web;

import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Submitted;
import io.evmsim.common.simulation.SimulationEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events: one event per transaction result ({@code transaction}), then {@code summary}
 * or {@code error}; the event id is the result's sequence number.
 */
@Component
public class SimulationStreams {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** How often a live stream is written to when no result comes, to learn whether its client is still there. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SimulationStreams.class);

    private final SimulationService simulations;
    private final Duration streamTimeout;
    private final ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("sse-heartbeat").unstarted(task));

    public SimulationStreams(SimulationService simulations, io.evmsim.api.simulation.SimulationLimits limits) {
        this.simulations = simulations;
        this.streamTimeout = limits.syncWait().plus(limits.deadline());
    }

    /**
     * Streams a simulation submitted to this replica as its results arrive from Kafka. A client that
     * goes away before the final event cancels the simulation: the servlet container reports a closed
     * connection only when something is written to it, so a comment ({@code : keep-alive}), which event
     * stream readers ignore, is written every {@link #HEARTBEAT} until the stream ends.
     */
    public SseEmitter live(Submitted submitted) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        Runnable gone = () -> cancel(submitted);
        // written from a virtual thread: a client that does not read blocks only its own stream's writes
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> pollers.execute(() -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) { // closed by the client, or already complete
                gone.run();
                emitter.completeWithError(e); // its completion stops the heartbeat
            }
        }), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(() -> heartbeat.cancel(false));
        emitter.onError(failure -> {
            heartbeat.cancel(false);
            gone.run();
        });
        submitted.watch().stream(event -> {
            if (!send(emitter, event)) {
                gone.run();
            }
        });
        return emitter;
    }

    private void cancel(Submitted submitted) {
        try {
            simulations.cancel(submitted);
        } catch (RuntimeException e) {
            LOG.warn("simulation {} could not be cancelled after its client went away: {}", submitted.id(),
                    e.toString());
        }
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
