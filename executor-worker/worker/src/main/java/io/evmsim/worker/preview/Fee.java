package io.evmsim.worker.preview;

import io.evmsim.common.types.Address;
import java.math.BigInteger;

/**
 * What the sender pays to have the transaction included: {@code gasUsed * effectiveGasPrice} (the base
 * fee, burned, and the priority fee, to the coinbase; EIP-1559) and the blob fee (EIP-4844, burned).
 */
public record Fee(Address payer, BigInteger gasFee, BigInteger blobFee) {
    public BigInteger total() {
        return gasFee.add(blobFee);
    }
}
