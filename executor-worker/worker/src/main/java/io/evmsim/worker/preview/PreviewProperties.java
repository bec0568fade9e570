package io.evmsim.worker.preview;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tokenMetadataCacheSize tokens whose metadata is kept, per worker (least recently used out first)
 * @param tokenMetadataTtl how long a token's metadata is kept before it is read again
 * @param knownDelegates EIP-7702 delegation targets recognised as wallets' own code: a delegation to
 *        one is a {@code warning}, to any other address {@code critical}
 */
@ConfigurationProperties("evmsim.worker.preview")
public record PreviewProperties(
        @DefaultValue("100000") long tokenMetadataCacheSize,
        @DefaultValue("1h") Duration tokenMetadataTtl,
        @DefaultValue("") List<String> knownDelegates) {
}
