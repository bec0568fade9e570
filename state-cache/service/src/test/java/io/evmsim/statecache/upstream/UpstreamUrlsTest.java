package io.evmsim.statecache.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamUrlsTest {
    @Test
    void keepsSchemeHostAndPortOnly() {
        assertThat(UpstreamUrls.redacted(URI.create("https://eth-mainnet.g.alchemy.com/v2/SECRETKEY")))
                .isEqualTo("https://eth-mainnet.g.alchemy.com/[redacted]");
        assertThat(UpstreamUrls.redacted(URI.create("https://mainnet.infura.io/v3/0123abcd")))
                .isEqualTo("https://mainnet.infura.io/[redacted]");
        assertThat(UpstreamUrls.redacted(URI.create("https://user:pass@node.example:8443/")))
                .isEqualTo("https://node.example:8443/[redacted]");
        assertThat(UpstreamUrls.redacted(URI.create("https://api.example/?apikey=SECRET")))
                .isEqualTo("https://api.example/[redacted]");
        assertThat(UpstreamUrls.redacted(URI.create("http://127.0.0.1:8545#token")))
                .isEqualTo("http://127.0.0.1:8545/[redacted]");
    }

    @Test
    void aUrlWithNothingToHideIsShownWhole() {
        assertThat(UpstreamUrls.redacted(URI.create("http://127.0.0.1:8545"))).isEqualTo("http://127.0.0.1:8545");
        assertThat(UpstreamUrls.redacted(URI.create("http://node.internal/"))).isEqualTo("http://node.internal");
    }

    @Test
    void aUrlWithoutHostIsNotShownAtAll() {
        assertThat(UpstreamUrls.redacted(URI.create("mailto:KEY@example"))).isEqualTo("[redacted]");
        assertThat(UpstreamUrls.redacted(URI.create("/v3/KEY"))).isEqualTo("[redacted]");
    }

    @Test
    void scrubsTheUrlAndItsSecretPartsFromForeignMessages() {
        List<URI> urls = List.of(URI.create("https://user:pa55@mainnet.infura.io/v3/KEY123?apikey=Q9"));
        String scrubbed = UpstreamUrls.scrubbed("failed: https://user:pa55@mainnet.infura.io/v3/KEY123?apikey=Q9; "
                + "path /v3/KEY123, query apikey=Q9, user user:pa55", urls);
        assertThat(scrubbed).doesNotContain("KEY123", "Q9", "pa55")
                .startsWith("failed: https://mainnet.infura.io/[redacted];");
        assertThat(UpstreamUrls.scrubbed(null, urls)).isNull();
    }
}
