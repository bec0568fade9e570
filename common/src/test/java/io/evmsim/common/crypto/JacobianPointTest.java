package io.evmsim.common.crypto;

import static io.evmsim.common.crypto.Secp256k1FieldTest.limbs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Group law and the generator tables against Bouncy Castle's points. */
class JacobianPointTest {
    private static final ECPoint G = CustomNamedCurves.getByName("secp256k1").getG();

    @Test
    void generatorTablesHoldTheOddMultiples() {
        ECPoint h = G.multiply(BigInteger.ONE.shiftLeft(128));
        int size = GeneratorTable.G_XS.length;
        for (int i : new int[] {0, 1, 2, 77, size / 2, size - 1}) {
            BigInteger k = BigInteger.valueOf(2L * i + 1);
            assertAffine(G.multiply(k), GeneratorTable.G_XS[i], GeneratorTable.G_YS[i]);
            assertAffine(h.multiply(k), GeneratorTable.H_XS[i], GeneratorTable.H_YS[i]);
        }
    }

    @Test
    void addingAPointToItselfDoublesIt() {
        JacobianPoint p = jacobian(BigInteger.valueOf(5));
        JacobianPoint sum = jacobian(BigInteger.valueOf(5));
        sum.addPoint(p, false);
        assertEquals(G.multiply(BigInteger.TEN), sum);

        JacobianPoint mixed = jacobian(BigInteger.valueOf(3));
        ECPoint three = G.multiply(BigInteger.valueOf(3)).normalize();
        mixed.addAffine(limbs(three.getAffineXCoord().toBigInteger()), limbs(three.getAffineYCoord().toBigInteger()), false);
        assertEquals(G.multiply(BigInteger.valueOf(6)), mixed);
    }

    @Test
    void addingTheNegationGivesInfinityAndInfinityIsTheIdentity() {
        JacobianPoint p = jacobian(BigInteger.valueOf(9));
        JacobianPoint sum = jacobian(BigInteger.valueOf(9));
        sum.addPoint(p, true);
        assertTrue(sum.infinity);
        sum.addPoint(p, false);
        assertFalse(sum.infinity);
        assertEquals(G.multiply(BigInteger.valueOf(9)), sum);
        sum.doubleInPlace();
        sum.addAffine(GeneratorTable.GX, GeneratorTable.GY, true);
        assertEquals(G.multiply(BigInteger.valueOf(17)), sum);
    }

    /** k G with a Z that is not 1, so that the Jacobian formulas see general inputs. */
    private static JacobianPoint jacobian(BigInteger k) {
        JacobianPoint p = new JacobianPoint();
        p.copyFrom(JacobianPoint.ofAffine(GeneratorTable.GX, GeneratorTable.GY), false);
        JacobianPoint g = JacobianPoint.ofAffine(GeneratorTable.GX, GeneratorTable.GY);
        for (int i = 1; i < k.intValueExact(); i++) {
            p.addPoint(g, false);
        }
        return p;
    }

    private static void assertEquals(ECPoint expected, JacobianPoint actual) {
        long[] zInverse = new long[4];
        long[] zInverse2 = new long[4];
        Secp256k1Field.invert(zInverse, actual.z);
        Secp256k1Field.square(zInverse2, zInverse);
        long[] x = new long[4];
        long[] y = new long[4];
        Secp256k1Field.mul(x, actual.x, zInverse2);
        Secp256k1Field.mul(y, actual.y, zInverse2);
        Secp256k1Field.mul(y, y, zInverse);
        assertAffine(expected, x, y);
    }

    private static void assertAffine(ECPoint expected, long[] x, long[] y) {
        ECPoint normalized = expected.normalize();
        assertArrayEquals(limbs(normalized.getAffineXCoord().toBigInteger()), x);
        assertArrayEquals(limbs(normalized.getAffineYCoord().toBigInteger()), y);
    }
}
