package io.evmsim.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Secp256k1Test {
    private static final BigInteger EIP155_KEY = new BigInteger("46".repeat(32), 16);
    private static final byte[] EIP155_SIGNING_HASH =
            Hex.decode("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    private static final BigInteger P = new BigInteger("ffffffffffffffffffffffffffffffffffffffffffffffffffffff" + "fefffffc2f", 16);

    @Test
    void derivesAddressesFromPrivateKeys() {
        assertEquals(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), Secp256k1.addressOf(EIP155_KEY));
        // go-ethereum crypto_test.go's test key.
        BigInteger gethKey = new BigInteger("289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032", 16);
        assertEquals(Address.fromHex("0x970e8128ab834e8eac17ab8e3812f010678cf791"), Secp256k1.addressOf(gethKey));
        assertThrows(IllegalArgumentException.class, () -> Secp256k1.addressOf(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Secp256k1.addressOf(Secp256k1.N));
    }

    @Test
    void signsDeterministicallyAsEip155Shows() {
        Secp256k1.Signature signature = Secp256k1.sign(EIP155_SIGNING_HASH, EIP155_KEY);
        assertEquals(UInt256.parse("0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276"), signature.r());
        assertEquals(UInt256.parse("0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"), signature.s());
        assertEquals(0, signature.recoveryId());
        assertEquals(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"),
                Secp256k1.recoverAddress(EIP155_SIGNING_HASH, 0, signature.r(), signature.s()));
    }

    @Test
    void recoversTheClassicEcrecoverVector() {
        byte[] hash = Hex.decode("0x456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3");
        UInt256 r = UInt256.parse("0x9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608");
        UInt256 s = UInt256.parse("0x4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
        assertEquals(Address.fromHex("0x7156526fbd7a3c72969b54f64e42c10fbb768c8a"), Secp256k1.recoverAddress(hash, 1, r, s));
    }

    @Test
    void signAndRecoverRoundTripWithLowS() {
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            BigInteger key = new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            Secp256k1.Signature signature = Secp256k1.sign(hash, key);
            assertTrue(signature.s().compareTo(Secp256k1.HALF_N_WORD) <= 0);
            assertEquals(Secp256k1.addressOf(key),
                    Secp256k1.recoverAddress(hash, signature.recoveryId(), signature.r(), signature.s()));
            // The high-s twin recovers the same key with the other parity: ecrecover accepts it.
            UInt256 highS = Secp256k1.N_WORD.sub(signature.s());
            assertEquals(Secp256k1.addressOf(key),
                    Secp256k1.recoverAddress(hash, signature.recoveryId() ^ 1, signature.r(), highS));
        }
    }

    @Test
    void rejectsScalarsOutOfRange() {
        UInt256 one = UInt256.ONE;
        byte[] hash = EIP155_SIGNING_HASH;
        assertNull(Secp256k1.recoverAddress(hash, 0, UInt256.ZERO, one));
        assertNull(Secp256k1.recoverAddress(hash, 0, one, UInt256.ZERO));
        assertNull(Secp256k1.recoverAddress(hash, 0, Secp256k1.N_WORD, one));
        assertNull(Secp256k1.recoverAddress(hash, 0, one, Secp256k1.N_WORD));
        assertNull(Secp256k1.recoverAddress(hash, 0, UInt256.MAX, one));
        assertNull(Secp256k1.recoverAddress(hash, 4, one, one));
        assertNull(Secp256k1.recoverAddress(hash, -1, one, one));
        assertNull(Secp256k1.recoverAddress(new byte[31], 0, one, one));
    }

    @Test
    void rejectsXCoordinatesOffTheCurve() {
        BigInteger exponent = P.subtract(BigInteger.ONE).shiftRight(1);
        int onCurve = 0;
        int offCurve = 0;
        for (long x = 1; x <= 20; x++) {
            BigInteger xValue = BigInteger.valueOf(x);
            // x is a point's coordinate when x^3 + 7 is a square mod p (Euler's criterion).
            boolean square = xValue.pow(3).add(BigInteger.valueOf(7)).modPow(exponent, P).equals(BigInteger.ONE);
            Address recovered = Secp256k1.recoverAddress(EIP155_SIGNING_HASH, 0, UInt256.valueOf(x), UInt256.ONE);
            if (square) {
                assertNotNull(recovered);
                onCurve++;
            } else {
                assertNull(recovered);
                offCurve++;
            }
        }
        assertTrue(onCurve > 0 && offCurve > 0);
    }

    @Test
    void rejectsOverflowedXAtOrBeyondTheFieldSize() {
        // Recovery ids 2 and 3 mean x = r + n, which must stay below p.
        UInt256 rAtLimit = UInt256.fromBigInteger(P.subtract(Secp256k1.N));
        assertNull(Secp256k1.recoverAddress(EIP155_SIGNING_HASH, 2, rAtLimit, UInt256.ONE));
        assertNull(Secp256k1.recoverAddress(EIP155_SIGNING_HASH, 3, rAtLimit, UInt256.ONE));
    }

    /** Prints, does not assert: timing on a shared machine is too noisy to gate a build. */
    @Test
    void measuresRecoverySpeed() {
        int distinct = 250;
        int calls = 2_000;
        byte[][] hashes = new byte[distinct][32];
        Secp256k1.Signature[] signatures = new Secp256k1.Signature[distinct];
        Random random = new Random(5);
        BigInteger key = BigInteger.valueOf(0x1234_5678_9abcL);
        for (int i = 0; i < distinct; i++) {
            random.nextBytes(hashes[i]);
            signatures[i] = Secp256k1.sign(hashes[i], key);
        }
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            recover(hashes, signatures, calls);
        }
        long start = System.nanoTime();
        int recovered = recover(hashes, signatures, calls);
        double micros = (System.nanoTime() - start) / 1_000.0 / calls;
        System.out.printf("secp256k1 recovery: %.1f us per call over %d calls%n", micros, calls);
        assertEquals(calls, recovered);
    }

    private static int recover(byte[][] hashes, Secp256k1.Signature[] signatures, int calls) {
        int recovered = 0;
        for (int call = 0; call < calls; call++) {
            int i = call % hashes.length;
            Secp256k1.Signature signature = signatures[i];
            if (Secp256k1.recoverAddress(hashes[i], signature.recoveryId(), signature.r(), signature.s()) != null) {
                recovered++;
            }
        }
        return recovered;
    }
}
