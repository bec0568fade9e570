package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The events of one simulation as they arrive at this replica: a synchronous caller waits for the
 * final one, a streaming caller gets each as it comes. Duplicates (at-least-once delivery) are dropped
 * by sequence.
 */
public final class SimulationWatch {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final List<SimulationEvent> events = new ArrayList<>();
    private final BitSet sequences = new BitSet();
    private Consumer<SimulationEvent> listener;
    private boolean done;
    private RuntimeException failure;

    /** Returns true when this event is new and final: the simulation just finished. */
    boolean accept(SimulationEvent event) {
        lock.lock();
        try {
            if (done || sequences.get(event.sequence())) {
                return false;
            }
            sequences.set(event.sequence());
            events.add(event);
            done = event.isFinal();
            if (done) {
                finished.signalAll();
            }
            if (listener != null) {
                listener.accept(event);
            }
            return done;
        } finally {
            lock.unlock();
        }
    }

    /** The simulation will have no results (its request was not accepted): a waiting caller gets {@code cause}. */
    void fail(RuntimeException cause) {
        lock.lock();
        try {
            if (!done) {
                failure = cause;
                finished.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for the final event; returns every event so far, and whether it
     * finished. Throws the cause given to {@link #fail} instead, should that come first.
     */
    public Snapshot await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!done && failure == null && nanos > 0) {
                nanos = finished.awaitNanos(nanos);
            }
            if (!done && failure != null) {
                throw failure;
            }
            return new Snapshot(List.copyOf(events), done);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the final event has arrived. */
    public boolean finished() {
        lock.lock();
        try {
            return done;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers the events so far, then each new one, to {@code consumer}, in order: the consumer
     * runs under this watch's lock on the delivering thread, so it must be quick.
     */
    public void stream(Consumer<SimulationEvent> consumer) {
        lock.lock();
        try {
            events.forEach(consumer);
            listener = consumer;
        } finally {
            lock.unlock();
        }
    }

    public record Snapshot(List<SimulationEvent> events, boolean finished) {
    }
}
