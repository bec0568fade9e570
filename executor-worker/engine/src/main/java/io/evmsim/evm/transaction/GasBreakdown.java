package io.evmsim.evm.transaction;

/**
 * Where a transaction's gas went.
 *
 * @param intrinsic the intrinsic cost (base, calldata, creation, access list, authorizations)
 * @param floor the EIP-7623 calldata floor (0 before Prague)
 * @param execution gas used by execution, before the refund
 * @param refund the refund granted, after the cap
 * @param floorApplied whether the floor set the final figure
 * @param refundCounter the refund counter at the end of execution, before the cap
 * @param refundCap EIP-3529: the most refund the transaction could get, the gas used before the
 *     refund divided by the fork's refund quotient (a fifth through Osaka)
 */
public record GasBreakdown(long intrinsic, long floor, long execution, long refund, boolean floorApplied,
        long refundCounter, long refundCap) {
}
