package io.evmsim.api.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Rows handed over by many threads, written by one thread in batches: each caller waits for the
 * batch that holds its row. A lone row is written at once; rows that arrive while a batch is being
 * written go together in the next one, so under load one statement and one commit serve many
 * callers instead of one each.
 */
final class GroupCommit<T> implements AutoCloseable {
    private final LinkedBlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<T>> writer;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean closed;

    /** @param writer writes one batch, in one transaction; what it throws reaches every caller of the batch */
    GroupCommit(String name, int maxBatch, Consumer<List<T>> writer) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /** Returns once the row is written; rethrows the writer's failure. */
    void write(T row) {
        Pending<T> pending = new Pending<>(row, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) { // the writer may have gone: it fails what it leaves behind
            throw new IllegalStateException("the results store is shutting down");
        }
        try {
            pending.written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        List<T> rows = new ArrayList<>(maxBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            batch.forEach(pending -> rows.add(pending.row));
            try {
                writer.accept(rows);
                batch.forEach(pending -> pending.written.complete(null));
            } catch (RuntimeException e) {
                batch.forEach(pending -> pending.written.completeExceptionally(e));
            }
            batch.clear();
            rows.clear();
        }
        IllegalStateException stopped = new IllegalStateException("the results store is shutting down");
        for (Pending<T> pending; (pending = queue.poll()) != null; ) {
            pending.written.completeExceptionally(stopped);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private record Pending<T>(T row, CompletableFuture<Void> written) {
    }
}
