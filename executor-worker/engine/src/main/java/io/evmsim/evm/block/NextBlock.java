package io.evmsim.evm.block;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.BlobSchedule;
import java.math.BigInteger;

/** The header fields a block takes from its parent: base fee (EIP-1559) and excess blob gas (EIP-4844, EIP-7918). */
public final class NextBlock {
    /** Seconds between slots (proof of stake): the next block's timestamp when nothing else is known. */
    public static final long SLOT_SECONDS = 12;
    /** EIP-1559's BASE_FEE_MAX_CHANGE_DENOMINATOR. */
    private static final BigInteger BASE_FEE_CHANGE_DENOMINATOR = BigInteger.valueOf(8);
    /** EIP-1559's ELASTICITY_MULTIPLIER. */
    private static final long ELASTICITY = 2;
    /** EIP-7918's BLOB_BASE_COST. */
    private static final long BLOB_BASE_COST = 1L << 13;

    private NextBlock() {
    }

    /** EIP-1559: the base fee after a parent with this base fee, gas used and gas limit. */
    public static UInt256 baseFee(UInt256 parentBaseFee, long parentGasUsed, long parentGasLimit) {
        long target = parentGasLimit / ELASTICITY;
        if (parentGasUsed == target || target == 0) {
            return parentBaseFee;
        }
        BigInteger fee = parentBaseFee.toBigInteger();
        BigInteger delta = fee.multiply(BigInteger.valueOf(Math.abs(parentGasUsed - target)))
                .divide(BigInteger.valueOf(target)).divide(BASE_FEE_CHANGE_DENOMINATOR);
        if (parentGasUsed > target) {
            return UInt256.fromBigInteger(fee.add(delta.max(BigInteger.ONE)));
        }
        return UInt256.fromBigInteger(fee.subtract(delta).max(BigInteger.ZERO));
    }

    /**
     * EIP-4844's calc_excess_blob_gas for a block under {@code schedule} (the child's: a BPO fork's
     * target applies from its first block), with EIP-7918's reserve price when {@code reservePrice}
     * (Osaka on): while the blob base fee is below the execution base fee's share, excess grows by
     * the used blobs scaled by (max - target) / max instead of falling. As go-ethereum's
     * {@code consensus/misc/eip4844.CalcExcessBlobGas}, the price compared is the parent's excess
     * priced with the child's update fraction.
     */
    public static long excessBlobGas(long parentExcessBlobGas, long parentBlobGasUsed, UInt256 parentBaseFee,
            BlobSchedule schedule, boolean reservePrice) {
        long targetGas = schedule.target() * BlobSchedule.GAS_PER_BLOB;
        if (parentExcessBlobGas + parentBlobGasUsed < targetGas) {
            return 0;
        }
        if (reservePrice) {
            BigInteger reserve = BigInteger.valueOf(BLOB_BASE_COST).multiply(parentBaseFee.toBigInteger());
            BigInteger blobPrice = BlobGas.baseFee(parentExcessBlobGas, schedule.baseFeeUpdateFraction())
                    .toBigInteger().multiply(BigInteger.valueOf(BlobSchedule.GAS_PER_BLOB));
            if (reserve.compareTo(blobPrice) > 0) {
                return parentExcessBlobGas + parentBlobGasUsed * (schedule.max() - schedule.target()) / schedule.max();
            }
        }
        return parentExcessBlobGas + parentBlobGasUsed - targetGas;
    }
}
