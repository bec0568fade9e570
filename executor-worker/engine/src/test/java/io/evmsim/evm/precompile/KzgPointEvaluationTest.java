package io.evmsim.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KzgPointEvaluationTest {
    private static final BigInteger BLS_MODULUS = new BigInteger(
            "52435875175126190479447740508185965837690552500527637822603658699938581184513");
    /** The compressed G1 point at infinity: the commitment to, and any proof for, the zero polynomial. */
    private static final byte[] POINT_AT_INFINITY = Hex.decode("c0" + "00".repeat(47));
    private static final byte[] SUCCESS = Hex.decode(
            "0000000000000000000000000000000000000000000000000000000000001000"
                    + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    private final KzgPointEvaluation precompile = new KzgPointEvaluation();
    private final TestVector gethVector = TestVector.load("pointEvaluation.json").get(0);

    @Test
    void validProofReturnsBlobSizeAndModulus() {
        assertEquals(50_000, precompile.gasCost(gethVector.input()));
        assertArrayEquals(gethVector.expected(), precompile.compute(gethVector.input()));
        assertArrayEquals(SUCCESS, gethVector.expected());
    }

    @Test
    void zeroPolynomialEvaluatesToZeroEverywhere() {
        for (String z : List.of("00", "01", "2a", "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000")) {
            byte[] input = input(POINT_AT_INFINITY, word(z), word("00"), POINT_AT_INFINITY);
            assertArrayEquals(SUCCESS, precompile.compute(input), "z = " + z);
        }
        // and nowhere to one
        assertNull(precompile.compute(input(POINT_AT_INFINITY, word("01"), word("01"), POINT_AT_INFINITY)));
    }

    @Test
    void wrongLengthFails() {
        byte[] valid = gethVector.input();
        assertNull(precompile.compute(Arrays.copyOf(valid, 191)));
        assertNull(precompile.compute(Arrays.copyOf(valid, 193)));
        assertNull(precompile.compute(new byte[0]));
        assertEquals(50_000, precompile.gasCost(new byte[0]));
    }

    @Test
    void versionedHashMustMatchTheCommitment() {
        byte[] wrongVersion = gethVector.input().clone();
        wrongVersion[0] = 0x02;
        assertNull(precompile.compute(wrongVersion));

        byte[] wrongDigest = gethVector.input().clone();
        wrongDigest[31] ^= 1;
        assertNull(precompile.compute(wrongDigest));
    }

    @Test
    void nonCanonicalFieldElementsFail() {
        byte[] zeroPolynomialAtModulus = input(POINT_AT_INFINITY, PaddedInput.leftPad(BLS_MODULUS, 32), word("00"), POINT_AT_INFINITY);
        assertNull(precompile.compute(zeroPolynomialAtModulus));
        byte[] yAtModulus = input(POINT_AT_INFINITY, word("01"), PaddedInput.leftPad(BLS_MODULUS, 32), POINT_AT_INFINITY);
        assertNull(precompile.compute(yAtModulus));
    }

    @Test
    void wrongEvaluationOrProofFails() {
        byte[] wrongY = gethVector.input().clone();
        wrongY[95] ^= 1;
        assertNull(precompile.compute(wrongY));

        byte[] wrongProof = gethVector.input().clone();
        wrongProof[191] ^= 1; // most likely no longer a curve point: the library throws, we fail
        assertNull(precompile.compute(wrongProof));
    }

    @Test
    void commitmentThatIsNoCurvePointFails() {
        byte[] notAPoint = Hex.decode("80" + "00".repeat(46) + "05"); // compressed flag set, x = 5
        assertNull(precompile.compute(input(notAPoint, word("01"), word("00"), POINT_AT_INFINITY)));
        byte[] uncompressedFlag = Hex.decode("40" + "00".repeat(47)); // infinity bit without compression bit
        assertNull(precompile.compute(input(uncompressedFlag, word("01"), word("00"), POINT_AT_INFINITY)));
    }

    @Test
    void concurrentFirstUseLoadsTheSetupOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<byte[]>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> new KzgPointEvaluation().compute(gethVector.input()));
            }
            for (Future<byte[]> result : pool.invokeAll(calls)) {
                assertArrayEquals(SUCCESS, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** versioned_hash(commitment) || z || y || commitment || proof. */
    private static byte[] input(byte[] commitment, byte[] z, byte[] y, byte[] proof) {
        byte[] input = new byte[192];
        System.arraycopy(KzgPointEvaluation.versionedHash(commitment), 0, input, 0, 32);
        System.arraycopy(z, 0, input, 32, 32);
        System.arraycopy(y, 0, input, 64, 32);
        System.arraycopy(commitment, 0, input, 96, 48);
        System.arraycopy(proof, 0, input, 144, 48);
        return input;
    }

    private static byte[] word(String hex) {
        return PaddedInput.leftPad(Hex.decode(hex), 32);
    }
}
