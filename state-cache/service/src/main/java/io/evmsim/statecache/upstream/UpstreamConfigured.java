package io.evmsim.statecache.upstream;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when statecache.upstream.urls (ETH_RPC_URL) names at least one node; otherwise the devnet serves. */
public class UpstreamConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bind("statecache.upstream.urls", Bindable.listOf(String.class))
                .orElse(List.of()).stream().anyMatch(url -> !url.isBlank());
    }

    /** The opposite: no upstream configured. */
    public static class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new UpstreamConfigured().matches(context, metadata);
        }
    }
}
