package io.evmsim.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.types.UInt256;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EcRecoverTest {
    private static final String HASH = "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3";
    private static final String R = "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608";
    private static final String S = "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada";
    private static final String SIGNER_WORD = "0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a";

    private final EcRecover ecRecover = new EcRecover();

    @Test
    void recoversTheClassicVector() {
        byte[] output = ecRecover.compute(input(HASH, word(28), R, S));
        assertEquals("0x" + SIGNER_WORD, Hex.encode(output));
    }

    @Test
    void costsThreeThousandGasWhateverTheInput() {
        assertEquals(3_000, ecRecover.gasCost(new byte[0]));
        assertEquals(3_000, ecRecover.gasCost(new byte[1_000]));
    }

    @Test
    void ignoresBytesBeyondTheFourWords() {
        byte[] longer = Arrays.copyOf(input(HASH, word(28), R, S), 200);
        Arrays.fill(longer, 128, 200, (byte) 0xff);
        assertEquals("0x" + SIGNER_WORD, Hex.encode(ecRecover.compute(longer)));
    }

    @Test
    void acceptsHighS() {
        // (r, n - s) with the other parity is the same signature; only transactions apply EIP-2's low-s rule.
        UInt256 highS = Secp256k1.N_WORD.sub(UInt256.parse("0x" + S));
        byte[] output = ecRecover.compute(input(HASH, word(27), R, Hex.encodeBare(highS.toBytes32(), 0, 32)));
        assertEquals("0x" + SIGNER_WORD, Hex.encode(output));
    }

    @Test
    void returnsNothingForInvalidV() {
        assertEmpty(ecRecover.compute(input(HASH, word(29), R, S)));
        assertEmpty(ecRecover.compute(input(HASH, word(0), R, S)));
        assertEmpty(ecRecover.compute(input(HASH, word(1), R, S)));
        // 27 in the low byte is not enough: the whole 32-byte word must equal 27.
        assertEmpty(ecRecover.compute(input(HASH, "01" + "00".repeat(30) + "1b", R, S)));
        assertEmpty(ecRecover.compute(input(HASH, "00".repeat(30) + "011b", R, S)));
    }

    @Test
    void returnsNothingForRAndSOutOfRange() {
        String n = Hex.encodeBare(Secp256k1.N_WORD.toBytes32(), 0, 32);
        assertEmpty(ecRecover.compute(input(HASH, word(28), "00".repeat(32), S)));
        assertEmpty(ecRecover.compute(input(HASH, word(28), R, "00".repeat(32))));
        assertEmpty(ecRecover.compute(input(HASH, word(28), n, S)));
        assertEmpty(ecRecover.compute(input(HASH, word(28), R, n)));
        assertEmpty(ecRecover.compute(input(HASH, word(28), "ff".repeat(32), S)));
    }

    @Test
    void padsShortInputWithZeros() {
        byte[] full = input(HASH, word(28), R, S);
        // Without s, the padded s is zero: invalid, so nothing comes back.
        assertEmpty(ecRecover.compute(Arrays.copyOf(full, 96)));
        assertEmpty(ecRecover.compute(new byte[0]));
        assertEmpty(ecRecover.compute(Arrays.copyOf(full, 40)));
        // Dropping s's last byte reads as s with a zero last byte: a different signature, not the same signer.
        byte[] truncated = ecRecover.compute(Arrays.copyOf(full, 127));
        assertNotNull(truncated);
        assertFalse(Hex.encode(truncated).equals("0x" + SIGNER_WORD));
        byte[] zeroLastByte = full.clone();
        zeroLastByte[127] = 0;
        assertArrayEquals(ecRecover.compute(zeroLastByte), truncated);
    }

    private static void assertEmpty(byte[] output) {
        assertNotNull(output, "ecrecover never fails: invalid input gives empty output, not null");
        assertEquals(0, output.length);
    }

    private static String word(int value) {
        return "00".repeat(31) + String.format("%02x", value);
    }

    private static byte[] input(String hash, String v, String r, String s) {
        return Hex.decode(hash + v + r + s);
    }
}
