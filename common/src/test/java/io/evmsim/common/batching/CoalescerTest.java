package io.evmsim.common.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** One group in flight; what comes meanwhile goes together next; a refused group fails only its own items. */
class CoalescerTest {
    private final List<List<String>> groups = new ArrayList<>();
    private final List<CompletableFuture<Void>> acks = new ArrayList<>();
    private boolean refuseNext;

    private CompletableFuture<?> send(List<String> group) {
        if (refuseNext) {
            refuseNext = false;
            throw new IllegalStateException("refused at once");
        }
        groups.add(group);
        CompletableFuture<Void> ack = new CompletableFuture<>();
        acks.add(ack);
        return ack;
    }

    /** Groups of at most 2; the next group is sent on the acknowledging thread (a test needs no other). */
    private final Coalescer<String> coalescer = new Coalescer<>(this::send, (group, next) -> group.size() < 2,
            Runnable::run);

    @Test
    void anIdleItemGoesAtOnceAndTheOnesThatWaitGoTogether() {
        CompletableFuture<Void> a = coalescer.offer("a");
        assertEquals(List.of(List.of("a")), groups);
        CompletableFuture<Void> b = coalescer.offer("b");
        CompletableFuture<Void> c = coalescer.offer("c");
        CompletableFuture<Void> d = coalescer.offer("d");
        CompletableFuture<Void> e = coalescer.offer("e");
        assertEquals(1, groups.size(), "nothing more while a group is in flight");
        c.completeExceptionally(new TimeoutException()); // its caller gave up on it
        acks.getFirst().complete(null);
        assertTrue(a.isDone() && !a.isCompletedExceptionally());
        assertEquals(List.of("b", "d"), groups.get(1), "at most two, the abandoned one left out");
        assertFalse(b.isDone());
        acks.get(1).completeExceptionally(new IllegalStateException("not acknowledged"));
        assertTrue(b.isCompletedExceptionally() && d.isCompletedExceptionally());
        assertEquals(List.of("e"), groups.get(2));
        acks.get(2).complete(null);
        assertTrue(e.isDone() && !e.isCompletedExceptionally());
        coalescer.offer("f");
        assertEquals(List.of("f"), groups.get(3), "idle again: at once");
    }

    @Test
    void aGroupThatCannotBeSentFailsAndTheNextGoes() {
        coalescer.offer("a");
        CompletableFuture<Void> b = coalescer.offer("b");
        CompletableFuture<Void> c = coalescer.offer("c");
        CompletableFuture<Void> d = coalescer.offer("d");
        refuseNext = true;
        acks.getFirst().complete(null);
        assertTrue(b.isCompletedExceptionally() && c.isCompletedExceptionally(), "the refused group");
        assertEquals(List.of("d"), groups.get(1));
        assertFalse(d.isDone());
        CompletableFuture<Void> refused;
        acks.get(1).complete(null);
        refuseNext = true;
        refused = coalescer.offer("e");
        assertTrue(refused.isCompletedExceptionally(), "refused at once, to its caller");
        coalescer.offer("f");
        assertEquals(List.of("f"), groups.getLast(), "and the coalescer is idle again");
    }
}
