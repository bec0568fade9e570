package io.evmsim.statecache.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Bounds the PostgreSQL cache: deletes what is older than the configured retention. */
public class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final PostgresStore store;
    private final CacheProperties properties;

    public RetentionJob(PostgresStore store, CacheProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${statecache.cache.retention-interval:10m}", initialDelayString = "${statecache.cache.retention-interval:10m}")
    public void deleteExpired() {
        int deleted = store.deleteExpired(properties.retention(), properties.codeRetention());
        LOG.info("retention: deleted {} cached rows older than {} (code: {})", deleted, properties.retention(),
                properties.codeRetention());
    }
}
