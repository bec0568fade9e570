package io.evmsim.evm.fork;

/**
 * Blob parameters of a fork (EIP-4844, EIP-7691, EIP-7840).
 *
 * @param target target blobs per block
 * @param max maximum blobs per block
 * @param baseFeeUpdateFraction the denominator of the blob base fee's exponential
 */
public record BlobSchedule(int target, int max, long baseFeeUpdateFraction) {
    public static final long GAS_PER_BLOB = 1L << 17;
}
