package io.evmsim.worker.preview;

import io.evmsim.common.types.Address;
import java.util.List;

/**
 * Something a person should know before signing, with a stable {@link Code} to match on, a
 * {@link Severity}, a sentence to show and the addresses it is about.
 */
public record PreviewWarning(Code code, Severity severity, String message, List<Address> addresses) {
    public PreviewWarning {
        addresses = List.copyOf(addresses);
    }

    public enum Severity {
        INFO, WARNING, CRITICAL;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The stable codes; a client matches on these, never on the message. */
    public enum Code {
        /** An ERC-20 allowance of at least 2^160 - 1 (Permit2's "unlimited"), up to 2^256 - 1. */
        UNLIMITED_APPROVAL,
        /** An approval (or approval for all) to an address without code: only a key holder can use it. */
        APPROVAL_TO_EOA,
        /** {@code setApprovalForAll(operator, true)}: every token of the collection, now and later. */
        APPROVAL_FOR_ALL,
        /** A token sent to code that cannot move it on, where that can be told. */
        TRANSFER_TO_CONTRACT_WITHOUT_RECEIVER,
        /** The transaction reverts or halts: it would still cost its fee if mined. */
        REVERTS,
        /** The transaction cannot be included (nonce, funds, fee). */
        INVALID,
        /** An EIP-7702 authorization hands the account's control to code. */
        DELEGATION,
        /** The sender is left unable to pay for another transaction. */
        DRAINS_BALANCE,
        /** A contract's owner, or a proxy's admin, implementation or beacon (EIP-1967), changes. */
        OWNERSHIP_CHANGE
    }
}
