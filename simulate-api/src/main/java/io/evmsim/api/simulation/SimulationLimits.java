package io.evmsim.api.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one request may ask for.
 *
 * @param gasCap the most gas one transaction may use: geth's RPC gas cap
 * @param deadline the wall-clock budget of one simulation
 * @param maxBundleTransactions the most transactions in a bundle, as Flashbots relays
 * @param maxBodyBytes the largest request body, as Flashbots relays (300 KB)
 * @param syncWait how long {@code POST} waits for the result before answering 202 with its location
 * @param retention how long results stay fetchable by id
 */
@ConfigurationProperties("evmsim.limits")
public record SimulationLimits(
        @DefaultValue("50000000") long gasCap,
        @DefaultValue("5s") Duration deadline,
        @DefaultValue("100") int maxBundleTransactions,
        @DefaultValue("300000") int maxBodyBytes,
        @DefaultValue("10s") Duration syncWait,
        @DefaultValue("7d") Duration retention) {
}
