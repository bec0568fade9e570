package io.evmsim.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.evmsim.common.bytes.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SHA-256, RIPEMD-160 and identity: FIPS 180-4 / RIPEMD-160 reference digests and word gas. */
class HashAndIdentityPrecompilesTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sha256MatchesFipsExamples() {
        Sha256 sha256 = new Sha256();
        assertEquals("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Hex.encode(sha256.compute(new byte[0])));
        assertEquals("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hex.encode(sha256.compute(ABC)));
    }

    @Test
    void ripemd160IsTheReferenceDigestLeftPaddedToAWord() {
        Ripemd160 ripemd160 = new Ripemd160();
        // digests from the RIPEMD-160 authors' test suite
        assertEquals("0x0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31",
                Hex.encode(ripemd160.compute(new byte[0])));
        assertEquals("0x0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
                Hex.encode(ripemd160.compute(ABC)));
    }

    @Test
    void identityReturnsACopy() {
        Identity identity = new Identity();
        byte[] input = {1, 2, 3};
        byte[] output = identity.compute(input);
        assertArrayEquals(input, output);
        assertNotSame(input, output);
        assertArrayEquals(new byte[0], identity.compute(new byte[0]));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({
        // length, sha256, ripemd160, identity: base + per-word * ceil(length / 32)
        "0, 60, 600, 15",
        "1, 72, 720, 18",
        "32, 72, 720, 18",
        "33, 84, 840, 21",
        "64, 84, 840, 21",
        "1000, 444, 4440, 111",
    })
    void gasIsBasePlusPerWord(int length, long sha256Gas, long ripemd160Gas, long identityGas) {
        byte[] input = new byte[length];
        assertEquals(sha256Gas, new Sha256().gasCost(input));
        assertEquals(ripemd160Gas, new Ripemd160().gasCost(input));
        assertEquals(identityGas, new Identity().gasCost(input));
    }
}
