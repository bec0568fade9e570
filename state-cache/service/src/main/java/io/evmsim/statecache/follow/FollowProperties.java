package io.evmsim.statecache.follow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chain following.
 *
 * @param enabled         follow the head and carry hot state forward (upstream mode only)
 * @param pollInterval    how often the head is asked for
 * @param maxBlocksPerPoll blocks carried per poll at most; a longer gap restarts from the head
 * @param hotWindow       state fetched from the upstream within this window is carried to each new block
 */
@ConfigurationProperties("statecache.follow")
public record FollowProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("16") int maxBlocksPerPoll,
        @DefaultValue("10m") Duration hotWindow) {
}
