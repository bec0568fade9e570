package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows stored results for any number of subscribers with one query per interval, however many they
 * are: each subscriber gets its simulation's events in sequence order, from the first, until the final
 * one. Whichever replica ran a simulation, its results reach the shared store, so this serves them all.
 */
public final class StoredEventPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoredEventPoller.class);

    private final SimulationStore store;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private boolean failing;

    public StoredEventPoller(SimulationStore store, Duration interval) {
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stored-events");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code consumer} runs on the poller's thread, so it must be quick (hand the event on). */
    public Subscription subscribe(String simulationId, Consumer<SimulationEvent> consumer) {
        Subscription subscription = new Subscription(simulationId, consumer);
        subscriptions.add(subscription);
        return subscription;
    }

    /** How many subscribers are following stored results. */
    public int subscribers() {
        return subscriptions.size();
    }

    void poll() {
        if (subscriptions.isEmpty()) {
            return;
        }
        Map<String, Integer> from = new HashMap<>();
        for (Subscription subscription : subscriptions) {
            from.merge(subscription.simulationId, subscription.next, Math::min);
        }
        Map<String, List<SimulationEvent>> events;
        try {
            events = store.events(from);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("stored results could not be read; the streams that follow them wait", e);
            }
            failing = true;
            return;
        }
        failing = false;
        for (Subscription subscription : subscriptions) {
            try {
                subscription.deliver(events.getOrDefault(subscription.simulationId, List.of()));
            } catch (RuntimeException e) { // one follower's failure ends its subscription, not the poller
                LOG.warn("a follower of simulation {} failed", subscription.simulationId, e);
                subscription.cancel();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One follower of one simulation's stored results. */
    public final class Subscription {
        private final String simulationId;
        private final Consumer<SimulationEvent> consumer;
        /** The next sequence to deliver; only the poller's thread moves it. */
        private volatile int next;

        private Subscription(String simulationId, Consumer<SimulationEvent> consumer) {
            this.simulationId = simulationId;
            this.consumer = consumer;
        }

        /** Delivers the events that continue the sequence; ends the subscription at the final one. */
        private void deliver(List<SimulationEvent> events) {
            for (SimulationEvent event : events) {
                if (event.sequence() != next) {
                    continue; // already delivered (another subscriber asked from further back)
                }
                consumer.accept(event);
                next = event.sequence() + 1;
                if (event.isFinal()) {
                    cancel();
                    return;
                }
            }
        }

        public void cancel() {
            subscriptions.remove(this);
        }
    }
}
