package io.evmsim.evm.transaction;

/**
 * The intrinsic gas of a transaction by part.
 *
 * @param base 21000 for every transaction
 * @param calldata 4 per zero byte and 16 per other byte of calldata (or initcode)
 * @param accessList EIP-2930: 2400 per address and 1900 per storage key
 * @param creation 32000 and EIP-3860's 2 per initcode word for a creation; 0 otherwise
 * @param authorizations EIP-7702: 25000 per authorization (part is refunded for existing authorities)
 */
public record IntrinsicGasBreakdown(long base, long calldata, long accessList, long creation, long authorizations) {
    public long total() {
        return base + calldata + accessList + creation + authorizations;
    }
}
