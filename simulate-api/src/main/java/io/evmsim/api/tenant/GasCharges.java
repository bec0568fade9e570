package io.evmsim.api.tenant;

import io.evmsim.api.simulation.SimulationStore;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationKind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges each simulation's gas to its key when its final result is stored: the store's {@code append} answers
 * the results that were new, so a result delivered twice is charged once, by whichever replica stored it. One
 * statement per batch of results. A charge that fails is logged, not retried: the results are stored, and
 * holding back the results topic for a quota's sake would cost every client.
 */
final class GasCharges implements SimulationStore {
    private static final Logger LOG = LoggerFactory.getLogger(GasCharges.class);

    private final SimulationStore results;
    private final ApiKeyStore keys;
    private final TenantMetrics metrics;
    private final Clock clock;

    GasCharges(SimulationStore results, ApiKeyStore keys, TenantMetrics metrics, Clock clock) {
        this.results = results;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<SimulationEvent> append(List<SimulationEvent> events) {
        return charged(results.append(events));
    }

    @Override
    public List<SimulationEvent> appendParts(List<Piece> pieces) {
        return charged(results.appendParts(pieces));
    }

    private List<SimulationEvent> charged(List<SimulationEvent> stored) {
        Map<UUID, Long> gas = new LinkedHashMap<>();
        for (SimulationEvent event : stored) {
            long used = ReportedGas.of(event);
            if (used > 0) {
                gas.merge(UUID.fromString(event.simulationId()), used, Long::sum);
            }
        }
        if (!gas.isEmpty()) {
            try {
                for (ApiKeyStore.Charge charge : keys.charge(gas, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
                    metrics.gas(charge.key(), charge.name(), charge.gas());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not charge the gas of {} simulations to their keys", gas.size(), e);
            }
        }
        return stored;
    }

    @Override
    public void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt) {
        results.create(id, kind, createdAt, expiresAt);
    }

    @Override
    public Optional<SimulationKind> kind(String id) {
        return results.kind(id);
    }

    @Override
    public List<SimulationEvent> events(String id, int fromSequence) {
        return results.events(id, fromSequence);
    }

    @Override
    public Map<String, List<SimulationEvent>> events(Map<String, Integer> fromSequenceById) {
        return results.events(fromSequenceById);
    }

    @Override
    public int deleteExpired(Instant now) {
        return results.deleteExpired(now);
    }
}
