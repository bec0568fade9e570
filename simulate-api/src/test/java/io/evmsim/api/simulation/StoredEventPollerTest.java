package io.evmsim.api.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoredEventPollerTest {
    private final FakeStore store = new FakeStore();
    /** Polled by hand: the timer's interval is far longer than the test. */
    private final StoredEventPoller poller = new StoredEventPoller(store, Duration.ofHours(1));

    @Test
    void anyNumberOfFollowersCostOneQueryPerPollAndEachGetsItsEventsInOrderOnce() {
        List<List<Integer>> received = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<Integer> sequences = new CopyOnWriteArrayList<>();
            received.add(sequences);
            poller.subscribe(i % 2 == 0 ? "a" : "b", event -> sequences.add(event.sequence()));
        }
        store.add("a", 0, false);
        poller.poll();
        store.add("a", 1, false);
        store.add("b", 0, false);
        poller.poll();
        assertEquals(2, store.queries.get());
        store.add("a", 2, true);
        store.add("b", 1, true);
        poller.poll();
        assertEquals(3, store.queries.get());
        for (int i = 0; i < 50; i++) {
            assertEquals(i % 2 == 0 ? List.of(0, 1, 2) : List.of(0, 1), received.get(i));
        }
        // every follower got its final event and is gone: no more queries
        assertEquals(0, poller.subscribers());
        poller.poll();
        assertEquals(3, store.queries.get());
    }

    @Test
    void aLateFollowerGetsWhatIsStoredFromTheStartAndACancelledOneNothingMore() {
        store.add("a", 0, false);
        List<Integer> early = new CopyOnWriteArrayList<>();
        StoredEventPoller.Subscription cancelled = poller.subscribe("a", event -> early.add(event.sequence()));
        poller.poll();
        cancelled.cancel();
        store.add("a", 1, false);
        List<Integer> late = new CopyOnWriteArrayList<>();
        poller.subscribe("a", event -> late.add(event.sequence()));
        poller.poll();
        assertEquals(List.of(0), early);
        assertEquals(List.of(0, 1), late);
    }

    @Test
    void aFailingStoreIsRetriedAtTheNextPoll() {
        List<Integer> received = new CopyOnWriteArrayList<>();
        poller.subscribe("a", event -> received.add(event.sequence()));
        store.add("a", 0, true);
        store.failing = true;
        poller.poll();
        store.failing = false;
        poller.poll();
        assertEquals(List.of(0), received);
        assertEquals(0, poller.subscribers());
    }

    private static final class FakeStore implements SimulationStore {
        final Map<String, List<SimulationEvent>> events = new ConcurrentHashMap<>();
        final AtomicInteger queries = new AtomicInteger();
        volatile boolean failing;

        void add(String id, int sequence, boolean last) {
            events.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(new SimulationEvent(id, null, sequence,
                    last ? EventType.SUMMARY : EventType.TRANSACTION, last ? null : sequence, "success", "{}",
                    SimulationKind.BUNDLE, 0));
        }

        @Override
        public Map<String, List<SimulationEvent>> events(Map<String, Integer> fromSequenceById) {
            queries.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("the database is down");
            }
            Map<String, List<SimulationEvent>> found = new ConcurrentHashMap<>();
            fromSequenceById.forEach((id, from) -> found.put(id, events.getOrDefault(id, List.of()).stream()
                    .filter(event -> event.sequence() >= from).toList()));
            return found;
        }

        @Override
        public List<SimulationEvent> events(String id, int fromSequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SimulationEvent> append(List<SimulationEvent> appended) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SimulationEvent> appendParts(List<Piece> pieces) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SimulationKind> kind(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteExpired(Instant now) {
            throw new UnsupportedOperationException();
        }
    }
}
