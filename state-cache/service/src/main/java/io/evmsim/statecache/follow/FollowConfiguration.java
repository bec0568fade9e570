package io.evmsim.statecache.follow;

import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.upstream.JsonRpcUpstream;
import io.evmsim.statecache.upstream.UpstreamConfigured;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Chain following, with an upstream and unless statecache.follow.enabled is false. */
@Configuration(proxyBeanMethods = false)
@Conditional(UpstreamConfigured.class)
@ConditionalOnBooleanProperty(name = "statecache.follow.enabled", matchIfMissing = true)
public class FollowConfiguration {
    @Bean
    ChainFollower chainFollower(BlockResolver blocks, JsonRpcUpstream upstream, PostgresStore postgres,
            FollowProperties properties) {
        return new ChainFollower(blocks, upstream, postgres, properties);
    }

    @Bean
    HealthIndicator chainFollowingHealthIndicator(ChainFollower follower) {
        return () -> Health.up().withDetails(follower.status()).build();
    }
}
