package io.evmsim.evm.transaction;

/**
 * How strictly a transaction is checked before it runs.
 *
 * <p>{@link #SKIPPED} is what {@code eth_call} and {@code eth_simulateV1} with {@code validation:
 * false} do: no nonce checks (the state's nonce is used and incremented), the sender may have code,
 * fee caps are not compared with the base fee (fee fields of zero mean no fee at all, even when the
 * block has a base fee), and a gas price of zero is allowed. The sender must still afford
 * {@code gas * price + value}, as geth requires (execution-apis test
 * {@code ethSimulate-gas-fees-and-value-error-38014}).
 *
 * <p>{@link #SIMULATED_BLOCK} is {@code eth_simulateV1} with {@code validation: true}: every check
 * of {@link #ENFORCED} but two that geth's simulator skips even then ({@code SkipTransactionChecks}):
 * EIP-7825's transaction gas cap and EIP-3607's refusal of a sender with code.
 */
public enum Validation {
    ENFORCED,
    SIMULATED_BLOCK,
    SKIPPED
}
