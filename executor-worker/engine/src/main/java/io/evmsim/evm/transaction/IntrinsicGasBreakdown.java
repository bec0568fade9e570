package io.evmsim.evm.transaction;

/**
 * The intrinsic gas of a transaction by part, at its fork's prices (through Osaka the figures in
 * parentheses).
 *
 * @param base every transaction's (21000)
 * @param calldata per zero byte (4) and per other byte (16) of calldata or initcode
 * @param accessList EIP-2930: per address (2400) and per storage key (1900)
 * @param creation a creation's (32000) and EIP-3860's per initcode word (2); 0 otherwise
 * @param authorizations EIP-7702: per authorization (25000; part is refunded for existing authorities)
 */
public record IntrinsicGasBreakdown(long base, long calldata, long accessList, long creation, long authorizations) {
    public long total() {
        return base + calldata + accessList + creation + authorizations;
    }
}
