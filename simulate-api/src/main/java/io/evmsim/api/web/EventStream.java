package io.evmsim.api.web;

import io.evmsim.api.simulation.SimulationService;
import io.evmsim.common.simulation.SimulationEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One server-sent event stream: events are queued by whoever delivers them (the results listener, the
 * stored-events poller: neither may wait on a slow client) and written in order by one sender at a
 * time. Completion, timeout, a write that fails (the client went away) and a container error all close
 * it, and closing runs the cleanup once.
 */
final class EventStream {
    private final SseEmitter emitter;
    private final Executor senders;
    private final Queue<SimulationEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean finished;
    private volatile Runnable cleanup = () -> { };

    EventStream(Duration timeout, Executor senders) {
        this.emitter = new SseEmitter(timeout.toMillis());
        this.senders = senders;
        emitter.onTimeout(emitter::complete); // else the framework answers the timeout on a stream already begun
        emitter.onError(failure -> close());
        emitter.onCompletion(this::close);
    }

    /** What to do once the stream is closed, for whatever reason. */
    EventStream onClose(Runnable action) {
        this.cleanup = action;
        if (closed.get()) {
            action.run();
        }
        return this;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Whether the final event was written: a stream closed before it left its simulation unfinished. */
    boolean finished() {
        return finished;
    }

    /** Writes a comment, which readers ignore, to learn whether the client is still there. */
    void keepAlive() {
        if (closed.get()) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        } catch (IOException | IllegalStateException e) { // closed by the client, or already complete
            emitter.completeWithError(e);
            close();
        }
    }

    void offer(SimulationEvent event) {
        if (closed.get()) {
            return;
        }
        queue.add(event);
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        do {
            for (SimulationEvent event = queue.poll(); event != null; event = queue.poll()) {
                if (!closed.get()) {
                    send(event);
                }
            }
            sending.set(false);
        } while (!queue.isEmpty() && sending.compareAndSet(false, true));
    }

    /** Completes the stream after the final event; a failed write closes it. */
    private void send(SimulationEvent event) {
        try {
            emitter.send(SseEmitter.event().id(Integer.toString(event.sequence())).name(event.type().eventName())
                    .data(SimulationService.eventData(event)));
            if (event.isFinal()) {
                finished = true;
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            close();
        }
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            cleanup.run();
        }
    }
}
