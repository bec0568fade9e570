package io.evmsim.api;

import java.util.UUID;

/** One gateway replica's identity; configured ({@code evmsim.replica-id}) or random per start. */
public record GatewayReplica(String id) {
    static GatewayReplica of(String configured) {
        return new GatewayReplica(configured == null || configured.isBlank() ? UUID.randomUUID().toString() : configured);
    }
}
