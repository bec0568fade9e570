package io.evmsim.evm.precompile;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA verification over secp256r1 (P-256) at address 0x100, from Osaka (EIP-7951).
 *
 * <p>Input is exactly 160 bytes: message hash h, r, s, public key x and y, each 32 bytes
 * big-endian. Output is the word 1 when the signature verifies and empty otherwise; the
 * precompile never fails, so invalid input costs the same 6900 gas as a valid one.
 *
 * <p>The checks are the EIP's, in its order: 0 < r < n and 0 < s < n; both coordinates below p;
 * the key on the curve and not (0, 0); then R' = (h * s^-1) G + (r * s^-1) Q must not be the
 * point at infinity and R'.x mod n must equal r. High s is accepted: the EIP does not ask for
 * low-s signatures.
 */
public final class P256Verify implements Precompile {
    /** EIP-7951's final price (RIP-7212, which it supersedes, charged 3450). */
    private static final long GAS = 6900;
    private static final int INPUT_LENGTH = 160;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] VALID = PaddedInput.leftPad(new byte[] {1}, 32);

    /** Bouncy Castle's specialised P-256 arithmetic, much faster than the generic JCA path. */
    private static final X9ECParameters CURVE_PARAMETERS = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = CURVE_PARAMETERS.getCurve();
    private static final ECPoint GENERATOR = CURVE_PARAMETERS.getG();
    private static final BigInteger ORDER = CURVE_PARAMETERS.getN();
    private static final BigInteger FIELD_PRIME = CURVE.getField().getCharacteristic();

    @Override
    public long gasCost(byte[] input) {
        return GAS;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length != INPUT_LENGTH) {
            return EMPTY;
        }
        BigInteger hash = PaddedInput.readUnsigned(input, 0, 32);
        BigInteger r = PaddedInput.readUnsigned(input, 32, 32);
        BigInteger s = PaddedInput.readUnsigned(input, 64, 32);
        BigInteger qx = PaddedInput.readUnsigned(input, 96, 32);
        BigInteger qy = PaddedInput.readUnsigned(input, 128, 32);

        if (!isScalarInRange(r) || !isScalarInRange(s)) {
            return EMPTY;
        }
        if (qx.compareTo(FIELD_PRIME) >= 0 || qy.compareTo(FIELD_PRIME) >= 0) {
            return EMPTY;
        }
        if (qx.signum() == 0 && qy.signum() == 0) {
            // (0, 0) encodes the point at infinity, which is no public key
            return EMPTY;
        }
        ECPoint publicKey = CURVE.createPoint(qx, qy);
        // the cofactor is 1, so a point satisfying the curve equation is in the group
        if (!publicKey.isValid()) {
            return EMPTY;
        }

        BigInteger sInverse = s.modInverse(ORDER);
        BigInteger u1 = hash.multiply(sInverse).mod(ORDER);
        BigInteger u2 = r.multiply(sInverse).mod(ORDER);
        ECPoint recovered = ECAlgorithms.sumOfTwoMultiplies(GENERATOR, u1, publicKey, u2).normalize();
        if (recovered.isInfinity()) {
            return EMPTY;
        }
        // R'.x is below p, which exceeds n: compare modulo n, as the EIP says
        BigInteger x = recovered.getAffineXCoord().toBigInteger();
        return x.mod(ORDER).equals(r) ? VALID.clone() : EMPTY;
    }

    private static boolean isScalarInRange(BigInteger value) {
        return value.signum() > 0 && value.compareTo(ORDER) < 0;
    }
}
