package io.evmsim.common.crypto;

import static io.evmsim.common.crypto.Secp256k1Field.add;
import static io.evmsim.common.crypto.Secp256k1Field.isZero;
import static io.evmsim.common.crypto.Secp256k1Field.mul;
import static io.evmsim.common.crypto.Secp256k1Field.negate;
import static io.evmsim.common.crypto.Secp256k1Field.set;
import static io.evmsim.common.crypto.Secp256k1Field.square;
import static io.evmsim.common.crypto.Secp256k1Field.sub;

/**
 * A mutable secp256k1 point in Jacobian coordinates (x = X/Z^2, y = Y/Z^3), with the formulas for
 * curves with a = 0 (libsecp256k1's group_impl.h). Each point owns its scratch elements, so the
 * accumulator of a multiplication updates itself in place without allocating.
 */
final class JacobianPoint {
    final long[] x = new long[4];
    final long[] y = new long[4];
    final long[] z = new long[4];
    boolean infinity = true;

    private final long[] t1 = new long[4];
    private final long[] t2 = new long[4];
    private final long[] t3 = new long[4];
    private final long[] t4 = new long[4];
    private final long[] t5 = new long[4];
    private final long[] t6 = new long[4];

    static JacobianPoint ofAffine(long[] ax, long[] ay) {
        JacobianPoint point = new JacobianPoint();
        point.setAffine(ax, ay, false);
        return point;
    }

    void setAffine(long[] ax, long[] ay, boolean negateY) {
        set(x, ax);
        if (negateY) {
            negate(y, ay);
        } else {
            set(y, ay);
        }
        z[0] = 1;
        z[1] = 0;
        z[2] = 0;
        z[3] = 0;
        infinity = false;
    }

    void copyFrom(JacobianPoint other, boolean negateY) {
        set(x, other.x);
        if (negateY) {
            negate(y, other.y);
        } else {
            set(y, other.y);
        }
        set(z, other.z);
        infinity = other.infinity;
    }

    /** this = 2 * this: dbl-2009-l, 2M + 5S. No point of secp256k1 has order 2, so y never vanishes. */
    void doubleInPlace() {
        if (infinity) {
            return;
        }
        long[] a = t1;
        long[] b = t2;
        long[] c = t3;
        long[] d = t4;
        long[] e = t5;
        square(a, x);                   // A = X^2
        square(b, y);                   // B = Y^2
        square(c, b);                   // C = B^2
        add(d, x, b);
        square(d, d);
        sub(d, d, a);
        sub(d, d, c);
        add(d, d, d);                   // D = 2((X + B)^2 - A - C)
        add(e, a, a);
        add(e, e, a);                   // E = 3A
        mul(z, z, y);
        add(z, z, z);                   // Z3 = 2 Y Z
        square(x, e);
        sub(x, x, d);
        sub(x, x, d);                   // X3 = E^2 - 2D
        sub(d, d, x);
        mul(y, e, d);
        add(c, c, c);
        add(c, c, c);
        add(c, c, c);
        sub(y, y, c);                   // Y3 = E (D - X3) - 8C
    }

    /** this += (ax, ±ay) for an affine point: 8M + 3S, with the doubling and inverse cases handled. */
    void addAffine(long[] ax, long[] ay, boolean negateY) {
        if (infinity) {
            setAffine(ax, ay, negateY);
            return;
        }
        long[] z12 = t1;
        long[] u2 = t2;
        long[] s2 = t3;
        square(z12, z);
        mul(u2, ax, z12);
        mul(s2, ay, z12);
        mul(s2, s2, z);
        if (negateY) {
            negate(s2, s2);
        }
        finishAdd(x, y, u2, s2, null);
    }

    /** this += ±other for a Jacobian point: 12M + 4S, with the doubling and inverse cases handled. */
    void addPoint(JacobianPoint other, boolean negateY) {
        if (other.infinity) {
            return;
        }
        if (infinity) {
            copyFrom(other, negateY);
            return;
        }
        long[] z12 = t1;
        long[] u2 = t2;
        long[] s2 = t3;
        long[] u1 = t4;
        long[] s1 = t5;
        long[] z22 = t6;
        square(z22, other.z);
        mul(u1, x, z22);
        mul(s1, y, z22);
        mul(s1, s1, other.z);
        square(z12, z);
        mul(u2, other.x, z12);
        mul(s2, other.y, z12);
        mul(s2, s2, z);
        if (negateY) {
            negate(s2, s2);
        }
        finishAdd(u1, s1, u2, s2, other.z);
    }

    /**
     * Completes this = (u1, s1) + (u2, s2) where u, s are the x and y coordinates brought to the
     * common denominator Z1^2 Z2^2 (Z1^3 Z2^3); {@code otherZ} is Z2, or null when Z2 = 1.
     */
    private void finishAdd(long[] u1, long[] s1, long[] u2, long[] s2, long[] otherZ) {
        long[] h = u2;
        long[] i = s2;
        sub(h, u2, u1);
        sub(i, s2, s1);
        if (isZero(h)) {
            if (isZero(i)) {
                doubleInPlace();
            } else {
                infinity = true;
            }
            return;
        }
        if (otherZ != null) {
            mul(z, z, otherZ);
        }
        mul(z, z, h);                   // Z3 = Z1 Z2 H
        long[] h2 = t6;
        square(h2, h);
        mul(h, h, h2);                  // h now holds H^3
        long[] t = t1;
        mul(t, u1, h2);                 // T = U1 H^2
        square(x, i);
        sub(x, x, h);
        sub(x, x, t);
        sub(x, x, t);                   // X3 = I^2 - H^3 - 2T
        mul(y, h, s1);                  // (s1 may be y itself: read before writing y below)
        sub(t, t, x);
        mul(t, t, i);
        sub(y, t, y);                   // Y3 = I (T - X3) - H^3 S1
    }
}
