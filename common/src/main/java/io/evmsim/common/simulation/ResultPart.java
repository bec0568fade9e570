package io.evmsim.common.simulation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The optional parts of a transaction's result a REST request may ask for ({@code "include"}); status, gas
 * used and limit, return data, revert reason and created address are always there. A part not asked for is
 * not built at all: the worker attaches only the tracers the asked parts need.
 */
public enum ResultPart {
    LOGS("logs"),
    STATE_DIFF("stateDiff"),
    CALL_TREE("callTree"),
    ASSET_CHANGES("assetChanges"),
    GAS("gas"),
    /** What a wallet shows: the fee, token metadata on asset changes, the summary and the warnings. */
    PREVIEW("preview"),
    /**
     * The simulation's stateless witness (REST {@code "witness": true}): the trie nodes, code, keys and headers it
     * read, with the request and a digest of the result, to replay it offline ({@code bin/evm replay}). Kept only
     * when asked: it costs a state-cache round trip and its bytes.
     */
    WITNESS("witness");

    /** Every part but the witness: what a request that does not say gets. */
    public static final Set<ResultPart> ALL = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(WITNESS)));

    private final String jsonName;

    ResultPart(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The part's name in a request's {@code include} and in the result. */
    public String jsonName() {
        return jsonName;
    }

    /** The part named {@code name} in a request's {@code include}, or null when there is none (the witness has a field of its own). */
    public static ResultPart named(String name) {
        for (ResultPart part : ALL) {
            if (part.jsonName.equals(name)) {
                return part;
            }
        }
        return null;
    }

    /** The names a request may use, for error messages. */
    public static String names() {
        return ALL.stream().map(ResultPart::jsonName).collect(Collectors.joining(", "));
    }
}
