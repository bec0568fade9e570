package io.evmsim.evm.precompile.bls12381;

import java.math.BigInteger;

/**
 * A point of y^2 = x^3 + b in Jacobian coordinates, x = X/Z^2 and y = Y/Z^3, so that addition
 * needs no field inversion; Z = 0 is the point at infinity. Immutable. The formulas are the
 * a = 0 ones of the Explicit-Formulas Database (dbl-2009-l, add-2007-bl).
 */
final class JacobianPoint<F extends FieldElement<F>> {
    final Bls12Group<F> group;
    final F x;
    final F y;
    final F z;

    JacobianPoint(Bls12Group<F> group, F x, F y, F z) {
        this.group = group;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    boolean isInfinity() {
        return z.isZero();
    }

    JacobianPoint<F> negate() {
        return new JacobianPoint<>(group, x, y.neg(), z);
    }

    JacobianPoint<F> dbl() {
        if (isInfinity()) {
            return this;
        }
        F a = x.square();
        F bb = y.square();
        F c = bb.square();
        F d = x.add(bb).square().sub(a).sub(c).dbl();
        F e = a.dbl().add(a);
        F f = e.square();
        F x3 = f.sub(d.dbl());
        F y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
        F z3 = y.mul(z).dbl();
        return new JacobianPoint<>(group, x3, y3, z3);
    }

    JacobianPoint<F> add(JacobianPoint<F> o) {
        if (isInfinity()) {
            return o;
        }
        if (o.isInfinity()) {
            return this;
        }
        F z1z1 = z.square();
        F z2z2 = o.z.square();
        F u1 = x.mul(z2z2);
        F u2 = o.x.mul(z1z1);
        F s1 = y.mul(o.z).mul(z2z2);
        F s2 = o.y.mul(z).mul(z1z1);
        F h = u2.sub(u1);
        F r = s2.sub(s1).dbl();
        if (h.isZero()) {
            // Same x: either the same point (double it) or its negation (the sum is O).
            return r.isZero() ? dbl() : group.infinity();
        }
        F i = h.dbl().square();
        F j = h.mul(i);
        F v = u1.mul(i);
        F x3 = r.square().sub(j).sub(v.dbl());
        F y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
        F z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
        return new JacobianPoint<>(group, x3, y3, z3);
    }

    /** Left-to-right double-and-add; the scalar is used as given, never reduced. */
    JacobianPoint<F> multiply(BigInteger scalar) {
        JacobianPoint<F> result = group.infinity();
        for (int i = scalar.bitLength() - 1; i >= 0; i--) {
            result = result.dbl();
            if (scalar.testBit(i)) {
                result = result.add(this);
            }
        }
        return result;
    }

    /** The same point with Z = 1 (or the canonical infinity), for encoding and comparison. */
    JacobianPoint<F> normalize() {
        if (isInfinity()) {
            return group.infinity();
        }
        F zInv = z.inverse();
        F zInv2 = zInv.square();
        return new JacobianPoint<>(group, x.mul(zInv2), y.mul(zInv2).mul(zInv), group.one);
    }

    /** Equality as points of the curve, whatever the Z of each representation. */
    boolean isSamePoint(JacobianPoint<F> o) {
        if (isInfinity() || o.isInfinity()) {
            return isInfinity() && o.isInfinity();
        }
        F z1z1 = z.square();
        F z2z2 = o.z.square();
        return x.mul(z2z2).equals(o.x.mul(z1z1))
                && y.mul(o.z).mul(z2z2).equals(o.y.mul(z).mul(z1z1));
    }
}
