package io.evmsim.evm.interpreter;

/** Why a call or creation failed before its frame started; the caller keeps all the gas it offered. */
public enum CallRejection {
    CALL_DEPTH("max call depth exceeded"),
    INSUFFICIENT_BALANCE("insufficient balance for transfer"),
    NONCE_OVERFLOW("nonce uint64 overflow");

    private final String description;

    CallRejection(String description) {
        this.description = description;
    }

    /** The wording geth uses for the same failure, which JSON-RPC clients compare against. */
    public String description() {
        return description;
    }
}
