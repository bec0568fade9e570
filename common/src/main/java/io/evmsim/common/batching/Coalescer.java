package io.evmsim.common.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Sends items in groups, at most one group in flight: the items offered while a group is in flight
 * wait, and go together in the next group, as many as {@code joins} lets in. An item offered to an idle
 * coalescer goes at once, alone: no wait is ever added, and under load one send serves many items.
 * Thread-safe.
 *
 * @param <T> the item
 */
public final class Coalescer<T> {
    private final Function<List<T>, CompletableFuture<?>> send;
    private final BiPredicate<List<T>, T> joins;
    private final Executor nextSends;
    private final ArrayDeque<Waiting<T>> queued = new ArrayDeque<>();
    private boolean inFlight;

    /**
     * @param send sends a group, completing when it is acknowledged (or throwing when it cannot be sent at all)
     * @param joins whether an item may join the group so far (never asked for a group's first item)
     * @param nextSends where the next group is sent from once one is acknowledged (not the thread that
     *     completes {@code send}'s future, which may be a client's I/O thread)
     */
    public Coalescer(Function<List<T>, CompletableFuture<?>> send, BiPredicate<List<T>, T> joins,
            Executor nextSends) {
        this.send = send;
        this.joins = joins;
        this.nextSends = nextSends;
    }

    /**
     * Offers {@code item}; the future completes when the group holding it is acknowledged, exceptionally
     * when it is refused. An item whose future the caller completed first (a timeout) is left out of any
     * group not yet sent.
     */
    public CompletableFuture<Void> offer(T item) {
        Waiting<T> waiting = new Waiting<>(item, new CompletableFuture<>());
        List<Waiting<T>> first;
        synchronized (this) {
            queued.addLast(waiting);
            if (inFlight) {
                return waiting.done;
            }
            inFlight = true;
            first = take();
        }
        send(first);
        return waiting.done;
    }

    /** Sends {@code first}, or (when it cannot be sent, or is empty) the next group queued, until one is on its way. */
    private void send(List<Waiting<T>> first) {
        for (List<Waiting<T>> group = first; group != null; group = next()) {
            if (!group.isEmpty() && sent(group)) {
                return;
            }
        }
    }

    /** Whether {@code group} is on its way; when it is not, its items have failed. */
    private boolean sent(List<Waiting<T>> group) {
        CompletableFuture<?> acknowledged;
        try {
            acknowledged = send.apply(group.stream().map(Waiting::item).toList());
        } catch (RuntimeException e) {
            group.forEach(waiting -> waiting.done.completeExceptionally(e));
            return false;
        }
        acknowledged.whenComplete((ok, failure) -> {
            group.forEach(waiting -> {
                if (failure == null) {
                    waiting.done.complete(null);
                } else {
                    waiting.done.completeExceptionally(failure);
                }
            });
            nextSends.execute(() -> send(List.of()));
        });
        return true;
    }

    /** The next group, or null (idle again) when nothing is queued. */
    private synchronized List<Waiting<T>> next() {
        if (queued.isEmpty()) {
            inFlight = false;
            return null;
        }
        return take();
    }

    /** The items at the head of the queue that go together; those already completed by their callers left out. */
    private List<Waiting<T>> take() {
        List<Waiting<T>> group = new ArrayList<>();
        List<T> items = new ArrayList<>();
        while (!queued.isEmpty()) {
            Waiting<T> head = queued.peekFirst();
            if (head.done.isDone()) {
                queued.pollFirst();
                continue;
            }
            if (!group.isEmpty() && !joins.test(items, head.item)) {
                break;
            }
            group.add(queued.pollFirst());
            items.add(head.item);
        }
        return group;
    }

    private record Waiting<T>(T item, CompletableFuture<Void> done) {
    }
}
