package io.evmsim.evm.block;

import io.evmsim.common.types.UInt256;
import java.math.BigInteger;

/** Blob gas pricing (EIP-4844). */
public final class BlobGas {
    private static final BigInteger MIN_BLOB_BASE_FEE = BigInteger.ONE;

    private BlobGas() {
    }

    /** EIP-4844's fake_exponential(MIN_BLOB_BASE_FEE, excess_blob_gas, update_fraction). */
    public static UInt256 baseFee(long excessBlobGas, long updateFraction) {
        BigInteger numerator = BigInteger.valueOf(excessBlobGas);
        BigInteger denominator = BigInteger.valueOf(updateFraction);
        BigInteger output = BigInteger.ZERO;
        BigInteger accumulator = MIN_BLOB_BASE_FEE.multiply(denominator);
        int i = 1;
        while (accumulator.signum() > 0) {
            output = output.add(accumulator);
            accumulator = accumulator.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
            i++;
        }
        BigInteger fee = output.divide(denominator);
        return fee.bitLength() > 256 ? UInt256.MAX : UInt256.fromBigInteger(fee);
    }
}
