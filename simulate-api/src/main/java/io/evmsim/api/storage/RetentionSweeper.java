package io.evmsim.api.storage;

import io.evmsim.api.simulation.SimulationStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes results past their retention ({@code evmsim.limits.retention}). */
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final SimulationStore store;
    private final Clock clock;

    public RetentionSweeper(SimulationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${evmsim.retention-sweep:PT10M}", initialDelayString = "PT1M")
    public void sweep() {
        int deleted = store.deleteExpired(clock.instant());
        if (deleted > 0) {
            LOG.info("deleted {} expired simulations", deleted);
        }
    }
}
