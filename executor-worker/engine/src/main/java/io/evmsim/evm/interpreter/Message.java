package io.evmsim.evm.interpreter;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Code;

/**
 * A message between accounts: what one call frame executes.
 *
 * @param kind the kind of call or creation
 * @param caller CALLER inside the frame
 * @param recipient the account whose storage and balance the frame uses (ADDRESS)
 * @param codeAddress where the code came from (differs for CALLCODE, DELEGATECALL, EIP-7702)
 * @param value CALLVALUE
 * @param transfersValue whether {@code value} moves from caller to recipient (not for DELEGATECALL)
 * @param input calldata (empty for creations, whose initcode is {@code code})
 * @param code the code to run
 * @param gas gas available to the frame
 * @param depth 0 for the transaction's own frame
 * @param isStatic no state changes allowed (STATICCALL and below)
 * @param runsPrecompile whether a precompile at {@code codeAddress} runs (EIP-7702 delegation to a
 *     precompile address runs no precompile)
 */
public record Message(CallKind kind, Address caller, Address recipient, Address codeAddress, UInt256 value,
        boolean transfersValue, byte[] input, Code code, long gas, int depth, boolean isStatic,
        boolean runsPrecompile) {
}
