package io.evmsim.api.tenant;

/** Whether the gateway asks for API keys ({@code EVMSIM_AUTH}). */
public enum AuthMode {
    /** Anyone who reaches the API port may simulate and read every result by its id: a developer's devnet. */
    NONE,
    /** Every request presents a key; quotas apply per key and results are private to their key unless shared. */
    KEYS
}
