package io.evmsim.evm.trace.prestate;

import io.evmsim.common.types.Address;
import java.util.SortedMap;

/**
 * geth's {@code prestateTracer} in {@code diffMode}: {@code pre} holds what changed accounts were
 * before (only their changed slots), {@code post} what they became (only the changed fields, and no
 * slot that became zero). A contract created and destroyed in the transaction (EIP-6780) appears in
 * {@code pre} only; one that existed before and ran SELFDESTRUCT keeps its account, so it is in both.
 */
public record StateDiff(SortedMap<Address, AccountSnapshot> pre, SortedMap<Address, AccountSnapshot> post) {
}
