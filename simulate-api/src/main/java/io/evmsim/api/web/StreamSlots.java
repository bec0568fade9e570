package io.evmsim.api.web;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the open streams, per client and in total, within {@link StreamLimits}. */
final class StreamSlots {
    private final StreamLimits limits;
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    StreamSlots(StreamLimits limits) {
        this.limits = limits;
    }

    /** A slot for one more stream of {@code client}; refused with {@link ApiProblem#TOO_MANY_STREAMS} past a limit. */
    Slot take(String client) {
        if (open.incrementAndGet() > limits.maxOpen()) {
            open.decrementAndGet();
            throw new ProblemException(ApiProblem.TOO_MANY_STREAMS, null,
                    "this service has " + limits.maxOpen() + " streams open, its limit: try again later");
        }
        boolean[] taken = {false};
        byClient.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            taken[0] = current < limits.maxPerClient();
            return taken[0] ? current + 1 : count;
        });
        if (!taken[0]) {
            open.decrementAndGet();
            throw new ProblemException(ApiProblem.TOO_MANY_STREAMS, null,
                    "this client has " + limits.maxPerClient() + " streams open, its limit: close one first");
        }
        return new Slot(client);
    }

    int open() {
        return open.get();
    }

    int open(String client) {
        return byClient.getOrDefault(client, 0);
    }

    /** Given back once, whatever ends the stream. */
    final class Slot {
        private final String client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String client) {
            this.client = client;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                byClient.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
                open.decrementAndGet();
            }
        }
    }
}
