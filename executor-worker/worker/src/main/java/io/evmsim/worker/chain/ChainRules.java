package io.evmsim.worker.chain;

import io.evmsim.evm.chain.Activation;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The chain's fork schedule as the state cache serves it ({@code GET /v1/chain}), asked once on first
 * use: the worker needs no node of its own to choose a block's rules. Until the state cache answers,
 * each simulation asks again (and fails as state unavailable).
 */
public final class ChainRules {
    private final Supplier<ChainSchedule> source;
    private volatile ChainSchedule schedule;

    private ChainRules(Supplier<ChainSchedule> source) {
        this.source = source;
    }

    /** The schedule the state cache serves. */
    public static ChainRules from(StateCacheClient client) {
        return new ChainRules(() -> toSchedule(client.chain()));
    }

    /** A schedule known in advance (tests, tools). */
    public static ChainRules of(ChainSchedule schedule) {
        ChainRules rules = new ChainRules(() -> schedule);
        rules.schedule = schedule;
        return rules;
    }

    /**
     * The rules of the block with this number and timestamp.
     *
     * @throws io.evmsim.evm.chain.UnsupportedForkException when the engine does not implement its fork
     * @throws StateCacheException when the schedule could not be had from the state cache
     */
    public BlockRules at(long number, long timestamp) {
        return schedule().rulesAt(number, timestamp);
    }

    public ChainSchedule schedule() {
        ChainSchedule known = schedule;
        if (known == null) {
            known = source.get();
            schedule = known;
        }
        return known;
    }

    /** The state cache's description as the engine's schedule; a fork this worker does not know is refused. */
    static ChainSchedule toSchedule(ChainDescription chain) {
        List<Activation> activations = new ArrayList<>(chain.forks().size());
        for (ChainDescription.ForkActivation fork : chain.forks()) {
            ChainFork named = ChainFork.byName(fork.fork());
            if (named == null) {
                throw new StateCacheException("the state cache's chain " + chain.name() + " schedules fork "
                        + fork.fork() + ", unknown to this worker");
            }
            if ((fork.block() == null) == (fork.timestamp() == null)) {
                throw new StateCacheException("the state cache's chain " + chain.name() + " gives fork " + fork.fork()
                        + " neither or both of a block and a timestamp");
            }
            ChainDescription.BlobParameters blobs = fork.blobSchedule();
            activations.add(new Activation(named, fork.timestamp() != null,
                    fork.timestamp() != null ? fork.timestamp() : fork.block(),
                    blobs == null ? null : new BlobSchedule(blobs.target(), blobs.max(), blobs.baseFeeUpdateFraction())));
        }
        try {
            return new ChainSchedule(chain.chainId(), chain.name(), activations);
        } catch (IllegalArgumentException e) {
            throw new StateCacheException("the state cache's chain schedule is not valid: " + e.getMessage());
        }
    }
}
