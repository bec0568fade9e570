package io.evmsim.statecache.upstream;

import java.net.URI;
import java.util.List;

/**
 * Upstream node URLs as they may be shown: in health, error messages, logs and metrics. A hosted node's URL
 * carries its provider's API key in the path ({@code https://eth-mainnet.g.alchemy.com/v2/KEY},
 * {@code https://mainnet.infura.io/v3/KEY}), the query ({@code ?apikey=KEY}) or the user info
 * ({@code https://user:pass@host/}); error messages reach API clients through the workers, so only the
 * scheme, host and port are ever printed.
 */
public final class UpstreamUrls {
    /** Stands for whatever was left out: user info, path, query and fragment. */
    static final String MARKER = "[redacted]";

    private UpstreamUrls() {
    }

    /** {@code scheme://host[:port]}, then {@code /[redacted]} when the URL had more than that. */
    public static String redacted(URI url) {
        if (url.getHost() == null) {
            // not hierarchical or no host (an opaque or malformed URL): nothing of it is known to be safe
            return MARKER;
        }
        StringBuilder shown = new StringBuilder();
        if (url.getScheme() != null) {
            shown.append(url.getScheme()).append("://");
        }
        shown.append(url.getHost());
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        boolean more = url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                || (path != null && !path.isEmpty() && !path.equals("/"));
        return more ? shown.append('/').append(MARKER).toString() : shown.toString();
    }

    /** The nodes, each redacted, in order of preference. */
    public static List<String> redacted(List<URI> urls) {
        return urls.stream().map(UpstreamUrls::redacted).toList();
    }

    /**
     * {@code text} with every occurrence of a node's URL replaced by its redacted form: for messages that come
     * from elsewhere (an I/O exception) and might quote the URL they failed on.
     */
    public static String scrubbed(String text, List<URI> urls) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (URI url : urls) {
            scrubbed = scrubbed.replace(url.toString(), redacted(url));
            if (url.getRawUserInfo() != null) {
                scrubbed = scrubbed.replace(url.getRawUserInfo(), MARKER);
            }
            if (url.getRawPath() != null && url.getRawPath().length() > 1) {
                scrubbed = scrubbed.replace(url.getRawPath(), "/" + MARKER);
            }
            if (url.getRawQuery() != null) {
                scrubbed = scrubbed.replace(url.getRawQuery(), MARKER);
            }
        }
        return scrubbed;
    }
}
