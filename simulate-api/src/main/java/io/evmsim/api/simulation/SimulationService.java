package io.evmsim.api.simulation;

import io.evmsim.api.request.SimulationRequestReader;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Accepts a simulation: validates it, publishes it and watches for its results on this replica.
 * Knows nothing of HTTP or Kafka.
 */
public final class SimulationService {
    /** How often a waiting caller's client is looked at: a non-blocking read, cheap at this pace. */
    static final Duration PRESENCE_CHECK = Duration.ofMillis(200);

    private final SimulationRequestReader reader;
    private final RequestPublisher publisher;
    private final SimulationStore store;
    private final PendingSimulations pending;
    private final SimulationLimits limits;
    private final String replicaId;
    private final Clock clock;

    public SimulationService(SimulationLimits limits, RequestPublisher publisher, SimulationStore store,
            PendingSimulations pending, String replicaId, Clock clock) {
        this.reader = new SimulationRequestReader(limits);
        this.publisher = publisher;
        this.store = store;
        this.pending = pending;
        this.limits = limits;
        this.replicaId = replicaId;
        this.clock = clock;
    }

    /** Validates and publishes; the returned watch sees the results as they arrive. */
    public Submitted submit(byte[] body, SimulationKind kind) {
        return submit(kind, (id, replyTo, nowMillis) -> reader.read(body, kind, id, replyTo, nowMillis));
    }

    /**
     * Publishes a request another door (JSON-RPC) validated and built, given its id, reply address and
     * time. Does not wait for the broker: a caller awaiting the result learns of a failed publication
     * from its watch; a caller that streams results awaits {@link Submitted#published()} first.
     */
    public Submitted submit(SimulationKind kind, RequestFactory factory) {
        Instant now = clock.instant();
        SimulationRequest request = factory.build(UUID.randomUUID().toString(), replicaId, now.toEpochMilli());
        SimulationWatch watch = pending.watch(request.id());
        RequestPublisher.Publication publication;
        try {
            publication = publisher.publish(request);
        } catch (RuntimeException e) {
            pending.forget(request.id());
            throw e;
        }
        publication.whenFailed(failure -> {
            pending.forget(request.id());
            watch.fail(failure);
        });
        return new Submitted(request.id(), kind, now, watch, publication);
    }

    /**
     * Waits for the final result up to the configured time: the answer, or empty (then 202). The store
     * writes a simulation's row with its final result; a client told to come back later is told only
     * after the row is written, so that it finds its simulation pending. A client that goes away meanwhile has
     * its simulation cancelled ({@link ClientGoneException}).
     */
    public Optional<Answer> awaitResult(Submitted submitted, ClientPresence client) throws InterruptedException {
        SimulationWatch.Snapshot snapshot = awaitWhilePresent(submitted, client);
        if (!snapshot.finished()) {
            pending.forget(submitted.id());
            store.create(submitted.id(), submitted.kind(), submitted.acceptedAt(),
                    submitted.acceptedAt().plus(limits.retention()));
            return Optional.empty();
        }
        return Optional.of(answer(submitted.id(), submitted.kind(), snapshot.events()));
    }

    /**
     * The client of {@code submitted} went away: unless it has finished, its simulation is cancelled
     * (workers stop it or never run it) and its row stored, so that its result (a {@code CANCELLED}
     * error) stays fetchable by id.
     */
    public void cancel(Submitted submitted) {
        if (submitted.watch().finished()) {
            return;
        }
        pending.forget(submitted.id());
        publisher.cancel(submitted.id(), submitted.acceptedAt().plus(limits.deadline()).toEpochMilli());
        store.create(submitted.id(), submitted.kind(), submitted.acceptedAt(),
                submitted.acceptedAt().plus(limits.retention()));
    }

    /**
     * Waits for the final result up to the configured time; empty when it did not come. A client that goes
     * away meanwhile has its simulation cancelled ({@link ClientGoneException}).
     */
    public Optional<SimulationEvent> awaitFinal(Submitted submitted, ClientPresence client)
            throws InterruptedException {
        SimulationWatch.Snapshot snapshot = awaitWhilePresent(submitted, client);
        if (!snapshot.finished()) {
            pending.forget(submitted.id());
            return Optional.empty();
        }
        return Optional.of(snapshot.events().getLast());
    }

    /**
     * Waits up to the configured time for the final event, looking at the client every
     * {@link #PRESENCE_CHECK}: once it is gone, the simulation is cancelled and {@link ClientGoneException}
     * thrown.
     */
    private SimulationWatch.Snapshot awaitWhilePresent(Submitted submitted, ClientPresence client)
            throws InterruptedException {
        long end = System.nanoTime() + limits.syncWait().toNanos();
        while (true) {
            long left = end - System.nanoTime();
            SimulationWatch.Snapshot snapshot = submitted.watch().await(
                    Duration.ofNanos(Math.min(left, PRESENCE_CHECK.toNanos())));
            if (snapshot.finished() || left <= PRESENCE_CHECK.toNanos()) {
                return snapshot;
            }
            if (client.gone()) {
                cancel(submitted);
                throw new ClientGoneException(submitted.id());
            }
        }
    }

    /** The stored answer of a finished simulation, pending, or empty when unknown (or expired). */
    public Optional<Answer> find(String id) {
        Optional<SimulationKind> kind = store.kind(id);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<SimulationEvent> events = store.events(id, 0);
        boolean finished = !events.isEmpty() && events.getLast().isFinal();
        return Optional.of(finished ? answer(id, kind.get(), events)
                : new Answer(Answer.ACCEPTED, SimulationResponses.pending(id)));
    }

    private static Answer answer(String id, SimulationKind kind, List<SimulationEvent> events) {
        SimulationEvent last = events.getLast();
        int status = last.type() == SimulationEvent.EventType.ERROR
                ? SimulationResponses.errorCode(last).httpStatus() : Answer.OK;
        return new Answer(status, SimulationResponses.complete(id, kind, events));
    }

    /**
     * The witness of a finished simulation, as its final record carries it (a bundle's summary, or the single
     * transaction's result); empty when it is unknown, unfinished, or kept none.
     */
    public Optional<String> witness(String id) {
        if (store.kind(id).isEmpty()) {
            return Optional.empty();
        }
        List<SimulationEvent> events = store.events(id, 0);
        if (events.isEmpty() || !events.getLast().isFinal()
                || events.getLast().type() == SimulationEvent.EventType.ERROR) {
            return Optional.empty();
        }
        JsonNode witness = SimulationJson.mapper().readTree(events.getLast().payload()).get("witness");
        return witness == null || witness.isNull() ? Optional.empty() : Optional.of(witness.toString());
    }

    public boolean exists(String id) {
        return store.kind(id).isPresent();
    }

    /**
     * Stops watching a simulation whose client is gone (its stream closed, timed out or failed): its results
     * are only stored from now on. Nothing changes for a simulation that already finished.
     */
    public void stopWatching(Submitted submitted) {
        pending.forget(submitted.id());
    }

    /** The code of a simulation's {@link SimulationEvent.EventType#ERROR} record. */
    public static SimulationError errorCode(SimulationEvent error) {
        return SimulationResponses.errorCode(error);
    }

    /** What a stream sends for an event: its payload, or for a simulation's error its problem document. */
    public static String eventData(SimulationEvent event) {
        return event.type() == SimulationEvent.EventType.ERROR
                ? SimulationResponses.problem(event.simulationId(), event) : event.payload();
    }

    /** An HTTP status and a JSON body: a problem document when the status is 400 or more. */
    public record Answer(int status, String json) {
        static final int OK = 200;
        static final int ACCEPTED = 202;
    }

    public record Submitted(String id, SimulationKind kind, Instant acceptedAt, SimulationWatch watch,
            RequestPublisher.Publication publication) {
        /** Returns once the broker accepted the request; throws {@link PublishFailedException} when it did not. */
        public void published() {
            publication.await();
        }
    }

    /** Builds a validated request once the service has chosen its id. */
    @FunctionalInterface
    public interface RequestFactory {
        SimulationRequest build(String id, String replyTo, long nowMillis);
    }
}
