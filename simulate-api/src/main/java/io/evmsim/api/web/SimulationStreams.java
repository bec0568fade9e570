package io.evmsim.api.web;

import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Submitted;
import io.evmsim.api.simulation.StoredEventPoller;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events: one event per transaction result ({@code transaction}), then {@code summary}
 * or {@code error} (a problem document); the event id is the result's sequence number. Streams are
 * limited per client and in total ({@link StreamLimits}); a stream refused, like a request refused,
 * is answered before it starts, as a problem document.
 */
@Component
public class SimulationStreams {
    /** How often a live stream is written to when no result comes, to learn whether its client is still there. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SimulationStreams.class);

    private final SimulationService simulations;
    private final StoredEventPoller stored;
    private final StreamSlots slots;
    private final Duration streamTimeout;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("sse-heartbeat").unstarted(task));

    public SimulationStreams(SimulationService simulations, StoredEventPoller stored, SimulationLimits limits,
            StreamLimits streamLimits) {
        this.simulations = simulations;
        this.stored = stored;
        this.slots = new StreamSlots(streamLimits);
        this.streamTimeout = limits.syncWait().plus(limits.deadline());
    }

    /**
     * Submits a simulation (once the client has a stream slot) and streams its results as they arrive
     * from Kafka; the simulation is forgotten by this replica once the stream ends. A client that goes
     * away before the final event cancels the simulation: the servlet container reports a closed
     * connection only when something is written to it, so a comment ({@code : keep-alive}), which event
     * stream readers ignore, is written every {@link #HEARTBEAT} until the stream ends.
     */
    public LiveStream live(String client, Supplier<Submitted> submission) {
        StreamSlots.Slot slot = slots.take(client);
        Submitted submitted;
        try {
            submitted = submission.get();
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        EventStream stream = new EventStream(streamTimeout, senders);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> senders.execute(stream::keepAlive),
                HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        stream.onClose(() -> {
            heartbeat.cancel(false);
            if (!stream.finished()) {
                cancel(submitted);
            }
            simulations.stopWatching(submitted);
            slot.release();
        });
        submitted.watch().stream(stream::offer);
        return new LiveStream(submitted.id(), stream.emitter());
    }

    /** A live stream and the simulation it follows. */
    public record LiveStream(String id, SseEmitter emitter) {
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
     * Streams a simulation from the shared store, whichever replica ran it: what is stored, then new
     * results as they are stored, until the final one.
     */
    public SseEmitter stored(String client, String id) {
        StreamSlots.Slot slot = slots.take(client);
        try {
            if (!simulations.exists(id)) {
                throw SimulationController.notFound(id);
            }
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        EventStream stream = new EventStream(streamTimeout, senders);
        StoredEventPoller.Subscription subscription = stored.subscribe(id, stream::offer);
        stream.onClose(() -> {
            subscription.cancel();
            slot.release();
        });
        return stream.emitter();
    }
}
