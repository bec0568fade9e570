package io.evmsim.evm.simulation;

/** How one transaction of a simulation ended. */
public enum SimulationStatus {
    SUCCESS,
    /** REVERT in the top frame: gas left is returned, state undone. */
    REVERTED,
    /** An exceptional halt of the top frame (out of gas, invalid opcode, ...): all gas used. */
    HALTED,
    /** Rejected before execution (nonce, funds, fee caps, gas limits): nothing changed. */
    INVALID,
    /** The simulation's wall-clock time ran out while it ran; its effects are not meaningful. */
    TIME_LIMIT_EXCEEDED,
    /** Not run: it asked for more gas than the simulation's gas cap had left. */
    GAS_CAP_EXCEEDED,
    /** Not run: an earlier transaction failed and the simulation stops at the first failure, or time ran out. */
    SKIPPED
}
