package io.evmsim.evm.precompile.bls12381;

import java.util.List;

/**
 * The optimal ate pairing of BLS12-381, used only to decide whether a product of pairings is one
 * (EIP-2537, "ABI for pairing check").
 *
 * <p>Lines: G2 lives on the M-type twist y^2 = x^3 + 4 xi, which maps into E(Fp12) by
 * (x', y') -> (x'/w^2, y'/w^3). The line through twist points with slope l', evaluated at
 * P = (xP, yP) of G1 and multiplied by xi (a factor in Fp2, which the final exponentiation
 * removes), is xi*yP + (l'*x' - y')*w^3 - l'*xP*w^5. The steps below scale it further by
 * denominators in Fp2 so that T can stay in Jacobian coordinates without inversions.
 */
final class OptimalAtePairing {
    /** |x| of the BLS parameter x = -0xd201000000010000 (EIP-2537, "Pairing parameters"). */
    private static final long ABS_X = 0xd201000000010000L;

    private OptimalAtePairing() {
    }

    /** Whether prod e(P_i, Q_i) = 1; the points must be in their subgroups, infinity allowed. */
    static boolean isProductOne(List<JacobianPoint<Fp>> g1Points, List<JacobianPoint<Fp2>> g2Points) {
        Fp12 f = millerLoop(g1Points, g2Points);
        return finalExponentiation(f).isOne();
    }

    static Fp12 millerLoop(List<JacobianPoint<Fp>> g1Points, List<JacobianPoint<Fp2>> g2Points) {
        int n = 0;
        Fp[] px = new Fp[g1Points.size()];
        Fp[] py = new Fp[g1Points.size()];
        Fp2[] qx = new Fp2[g1Points.size()];
        Fp2[] qy = new Fp2[g1Points.size()];
        for (int i = 0; i < g1Points.size(); i++) {
            JacobianPoint<Fp> p = g1Points.get(i);
            JacobianPoint<Fp2> q = g2Points.get(i);
            // e(O, Q) = e(P, O) = 1: such a pair does not change the product.
            if (p.isInfinity() || q.isInfinity()) {
                continue;
            }
            JacobianPoint<Fp> pa = p.normalize();
            JacobianPoint<Fp2> qa = q.normalize();
            px[n] = pa.x;
            py[n] = pa.y;
            qx[n] = qa.x;
            qy[n] = qa.y;
            n++;
        }
        Fp2[] tx = new Fp2[n];
        Fp2[] ty = new Fp2[n];
        Fp2[] tz = new Fp2[n];
        for (int i = 0; i < n; i++) {
            tx[i] = qx[i];
            ty[i] = qy[i];
            tz[i] = Fp2.ONE;
        }
        Fp12 f = Fp12.ONE;
        for (int bit = 62; bit >= 0; bit--) {
            f = f.square();
            for (int i = 0; i < n; i++) {
                f = doublingStep(f, tx, ty, tz, i, px[i], py[i]);
            }
            if (((ABS_X >>> bit) & 1) != 0) {
                for (int i = 0; i < n; i++) {
                    f = additionStep(f, tx, ty, tz, i, qx[i], qy[i], px[i], py[i]);
                }
            }
        }
        // x < 0: f_{x,Q} = 1 / f_{|x|,Q} up to factors the final exponentiation removes, and after
        // it the inverse is the conjugate.
        return f.conjugate();
    }

    /**
     * T <- 2T with the tangent line at T. Slope l' = 3X^2 / (2YZ); the line scaled by 2YZ^3 is
     * xi*yP*2YZ^3 + (3X^3 - 2Y^2) w^3 - 3X^2 Z^2 xP w^5.
     */
    private static Fp12 doublingStep(Fp12 f, Fp2[] tx, Fp2[] ty, Fp2[] tz, int i, Fp xp, Fp yp) {
        Fp2 x = tx[i];
        Fp2 y = ty[i];
        Fp2 z = tz[i];
        Fp2 zz = z.square();
        Fp2 a = x.square();
        Fp2 b = y.square();
        Fp2 c = b.square();
        Fp2 d = x.add(b).square().sub(a).sub(c).dbl();
        Fp2 e = a.dbl().add(a);
        Fp2 x3 = e.square().sub(d.dbl());
        Fp2 y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
        Fp2 z3 = y.mul(z).dbl();
        tx[i] = x3;
        ty[i] = y3;
        tz[i] = z3;
        Fp2 lineConstant = z3.mul(zz).mulByNonResidue().mul(yp);
        Fp2 lineW3 = e.mul(x).sub(b.dbl());
        Fp2 lineW5 = e.mul(zz).mul(xp).neg();
        return f.mulByLine(lineConstant, lineW3, lineW5);
    }

    /**
     * T <- T + Q with the line through T and Q. With H = xQ Z^2 - X and R = yQ Z^3 - Y the slope
     * is R / (ZH); the line scaled by ZH is xi*yP*ZH + (R xQ - yQ ZH) w^3 - R xP w^5.
     */
    private static Fp12 additionStep(
            Fp12 f, Fp2[] tx, Fp2[] ty, Fp2[] tz, int i, Fp2 xq, Fp2 yq, Fp xp, Fp yp) {
        Fp2 x = tx[i];
        Fp2 y = ty[i];
        Fp2 z = tz[i];
        Fp2 zz = z.square();
        Fp2 h = xq.mul(zz).sub(x);
        Fp2 r = yq.mul(z).mul(zz).sub(y);
        Fp2 hh = h.square();
        Fp2 hhh = h.mul(hh);
        Fp2 v = x.mul(hh);
        Fp2 x3 = r.square().sub(hhh).sub(v.dbl());
        Fp2 y3 = r.mul(v.sub(x3)).sub(y.mul(hhh));
        Fp2 z3 = z.mul(h);
        tx[i] = x3;
        ty[i] = y3;
        tz[i] = z3;
        Fp2 lineConstant = z3.mulByNonResidue().mul(yp);
        Fp2 lineW3 = r.mul(xq).sub(yq.mul(z3));
        Fp2 lineW5 = r.mul(xp).neg();
        return f.mulByLine(lineConstant, lineW3, lineW5);
    }

    /**
     * f^((p^12 - 1) / q), except that the hard part is raised to three times its exponent: with
     * the BLS12 identity 3 (p^4 - p^2 + 1) / q = (x - 1)^2 (x + p) (x^2 + p^2 - 1) + 3
     * (Hayashida, Hayasaka, Teruya, ePrint 2020/875) it is a short chain of powers of x. The cube
     * is one exactly when the pairing is, since q is not 3, which is all the check needs.
     */
    static Fp12 finalExponentiation(Fp12 f) {
        // Easy part: f^((p^6 - 1)(p^2 + 1)); the result lies in the cyclotomic subgroup, where
        // conjugation inverts.
        Fp12 t = f.conjugate().mul(f.inverse());
        t = t.frobenius().frobenius().mul(t);

        Fp12 a = powX(t).mul(t.conjugate());
        a = powX(a).mul(a.conjugate());
        Fp12 b = powX(a).mul(a.frobenius());
        Fp12 c = powX(powX(b)).mul(b.frobenius().frobenius()).mul(b.conjugate());
        return c.mul(t.cyclotomicSquare().mul(t));
    }

    /** g^x for x = -|x|, valid in the cyclotomic subgroup where g^-1 is the conjugate. */
    private static Fp12 powX(Fp12 g) {
        Fp12 result = g;
        for (int bit = 62; bit >= 0; bit--) {
            result = result.cyclotomicSquare();
            if (((ABS_X >>> bit) & 1) != 0) {
                result = result.mul(g);
            }
        }
        return result.conjugate();
    }
}
