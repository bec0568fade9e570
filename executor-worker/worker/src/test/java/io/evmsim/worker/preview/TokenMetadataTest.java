package io.evmsim.worker.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** What a token's {@code symbol()}, {@code name()} and {@code decimals()} answers are taken to mean. */
class TokenMetadataTest {
    private static String word(long value) {
        return String.format("%064x", value);
    }

    @Test
    void aStringAndABytes32AreText() {
        assertEquals("USDC", TokenMetadata.text(Hex.decode("0x" + word(0x20) + word(4) + "55534443" + "0".repeat(56))));
        assertEquals("MKR", TokenMetadata.text(Hex.decode("0x4d4b52" + "0".repeat(58))));
    }

    @Test
    void anythingElseIsNoText() {
        assertNull(TokenMetadata.text(null), "a revert");
        assertNull(TokenMetadata.text(new byte[0]), "no return data (no such function on a contract with a fallback)");
        assertNull(TokenMetadata.text(Hex.decode("0x" + word(0))), "an empty bytes32");
        assertNull(TokenMetadata.text(Hex.decode("0x4d00" + "0".repeat(58) + "01")), "not zero-padded");
        assertNull(TokenMetadata.text(Hex.decode("0x" + word(0x20) + word(1_000))), "a length past the end");
        assertNull(TokenMetadata.text(Hex.decode("0x" + word(0x20) + word(2) + "ffff" + "0".repeat(60))), "not UTF-8");
        assertNull(TokenMetadata.text(Hex.decode("0x" + word(0x20) + word(1) + "07" + "0".repeat(62))), "a control character");
    }

    @Test
    void decimalsAreAUint8() {
        assertEquals(6, TokenMetadata.decimals(Hex.decode("0x" + word(6))));
        assertNull(TokenMetadata.decimals(Hex.decode("0x" + word(256))));
        assertNull(TokenMetadata.decimals(new byte[0]));
    }

    @Test
    void amountsAreFormattedByDecimals() {
        TokenMetadata usdc = new TokenMetadata("USDC", "USD Coin", 6);
        assertEquals("5", usdc.format(BigInteger.valueOf(5_000_000)));
        assertEquals("-0.000001", usdc.format(BigInteger.valueOf(-1)));
        assertEquals("1234.5", usdc.format(BigInteger.valueOf(1_234_500_000)));
        assertEquals("0", usdc.format(BigInteger.ZERO));
        assertNull(new TokenMetadata("X", null, null).format(BigInteger.TEN));
    }
}
