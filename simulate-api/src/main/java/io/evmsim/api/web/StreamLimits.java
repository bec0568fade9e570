package io.evmsim.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many server-sent event streams this replica holds open; a stream past either limit is refused
 * with 429 before it starts (and before its simulation is published).
 *
 * @param maxOpen the most streams open at once, all clients together
 * @param maxPerClient the most streams open at once from one remote address (behind a proxy, the
 *     proxy's address: raise it, or let the proxy limit its clients)
 */
@ConfigurationProperties("evmsim.streams")
public record StreamLimits(
        @DefaultValue("1000") int maxOpen,
        @DefaultValue("16") int maxPerClient) {
}
