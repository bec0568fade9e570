package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;

/** A state override that cannot be applied; the message names the account and the problem. */
public final class InvalidOverrideException extends IllegalArgumentException {
    /** The problems eth_simulateV1 distinguishes, with its error codes where it defines one. */
    public enum Problem {
        STATE_AND_STATE_DIFF(-32602),
        NOT_A_PRECOMPILE(-32000),
        /** -38022: a precompile moved onto its own address. */
        PRECOMPILE_SELF_REFERENCE(-38022),
        /** -38023: two accounts moved to the same address. */
        PRECOMPILE_TARGET_TAKEN(-38023);

        private final int rpcCode;

        Problem(int rpcCode) {
            this.rpcCode = rpcCode;
        }

        public int rpcCode() {
            return rpcCode;
        }
    }

    private final Problem problem;
    private final Address account;

    InvalidOverrideException(Problem problem, Address account, String message) {
        super(message);
        this.problem = problem;
        this.account = account;
    }

    public Problem problem() {
        return problem;
    }

    public Address account() {
        return account;
    }
}
