package io.evmsim.evm.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.BlobSchedule;
import org.junit.jupiter.api.Test;

class NextBlockTest {
    private static final BlobSchedule PRAGUE = new BlobSchedule(6, 9, 5_007_716);
    private static final long BLOB = BlobSchedule.GAS_PER_BLOB;

    @Test
    void the_base_fee_moves_an_eighth_at_most_towards_the_gas_target() {
        UInt256 gwei = UInt256.valueOf(1_000_000_000L);
        assertEquals(UInt256.valueOf(875_000_000L), NextBlock.baseFee(gwei, 0, 30_000_000));
        assertEquals(UInt256.valueOf(1_125_000_000L), NextBlock.baseFee(gwei, 30_000_000, 30_000_000));
        assertEquals(gwei, NextBlock.baseFee(gwei, 15_000_000, 30_000_000));
        assertEquals(UInt256.valueOf(8), NextBlock.baseFee(UInt256.valueOf(7), 15_000_001, 30_000_000)); // at least 1 up
    }

    @Test
    void excess_blob_gas_falls_by_the_target_and_never_below_zero() {
        assertEquals(0, NextBlock.excessBlobGas(0, 3 * BLOB, UInt256.ONE, PRAGUE, false));
        assertEquals(1_000_000, NextBlock.excessBlobGas(1_000_000, 6 * BLOB, UInt256.ONE, PRAGUE, false));
        assertEquals(1_000_000 + 3 * BLOB, NextBlock.excessBlobGas(1_000_000, 9 * BLOB, UInt256.ONE, PRAGUE, false));
    }

    @Test
    void eip_7918_grows_excess_while_blobs_cost_less_than_their_execution_reserve_price() {
        UInt256 gwei = UInt256.valueOf(1_000_000_000L);
        // blob base fee 1 wei * 131072 < 8192 * 1 gwei: excess + used * (max - target) / max
        assertEquals(1_000_000 + 6 * BLOB * 3 / 9, NextBlock.excessBlobGas(1_000_000, 6 * BLOB, gwei, PRAGUE, true));
        // a base fee of 1 wei puts the reserve price below the blob price: EIP-4844's rule
        assertEquals(1_000_000, NextBlock.excessBlobGas(1_000_000, 6 * BLOB, UInt256.ONE, PRAGUE, true));
        // below the target the excess is gone, reserve price or not
        assertEquals(0, NextBlock.excessBlobGas(0, 5 * BLOB, gwei, PRAGUE, true));
    }
}
