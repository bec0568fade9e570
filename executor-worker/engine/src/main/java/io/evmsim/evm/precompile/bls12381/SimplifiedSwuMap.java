package io.evmsim.evm.precompile.bls12381;

import java.math.BigInteger;
import java.util.List;

/**
 * The map from a field element to a subgroup point that EIP-2537 specifies for
 * BLS12_MAP_FP_TO_G1 and BLS12_MAP_FP2_TO_G2: the simplified SWU map onto a curve E' isogenous
 * to the target curve (RFC 9380, section 6.6.2), the isogeny to the target curve (section 6.6.3)
 * and cofactor clearing by multiplication with h_eff (section 7). This is map_to_curve followed
 * by clear_cofactor, with no hashing; the constants are those of RFC 9380, section 8.8.
 */
final class SimplifiedSwuMap<F extends FieldElement<F>> {
    private final Bls12Group<F> group;
    /** A' and B' of the isogenous curve y^2 = x^3 + A' x + B'. */
    private final F a;
    private final F b;
    /** The non-square Z of the map. */
    private final F z;
    private final List<F> xNumerator;
    private final List<F> xDenominator;
    private final List<F> yNumerator;
    private final List<F> yDenominator;
    private final BigInteger cofactor;

    /** The isogeny coefficients run from the constant term up (k_(i,0), k_(i,1), ...). */
    SimplifiedSwuMap(Bls12Group<F> group, F a, F b, F z, List<F> xNumerator, List<F> xDenominator,
            List<F> yNumerator, List<F> yDenominator, BigInteger cofactor) {
        this.group = group;
        this.a = a;
        this.b = b;
        this.z = z;
        this.xNumerator = xNumerator;
        this.xDenominator = xDenominator;
        this.yNumerator = yNumerator;
        this.yDenominator = yDenominator;
        this.cofactor = cofactor;
    }

    JacobianPoint<F> map(F u) {
        // RFC 9380, section 6.6.2, in its plain (not straight-line) form.
        F zu2 = z.mul(u.square());
        F tv1 = zu2.square().add(zu2).inverse();
        F x1 = tv1.isZero()
                ? b.mul(z.mul(a).inverse())
                : b.neg().mul(a.inverse()).mul(group.one.add(tv1));
        F x = x1;
        F y = curveRightHandSide(x1).sqrt();
        if (y == null) {
            // gx1 and gx2 = Z^3 u^6 gx1 differ by a non-square factor, so exactly one is square.
            x = zu2.mul(x1);
            y = curveRightHandSide(x).sqrt();
            if (y == null) {
                throw new IllegalStateException("SSWU: neither g(x1) nor g(x2) is a square");
            }
        }
        if (u.sgn0() != y.sgn0()) {
            y = y.neg();
        }
        return isogeny(x, y).multiply(cofactor);
    }

    private F curveRightHandSide(F x) {
        return x.square().add(a).mul(x).add(b);
    }

    /** The rational map of section 6.6.3; a vanishing denominator gives the identity (E.3, E.4). */
    private JacobianPoint<F> isogeny(F x, F y) {
        F xDen = evaluate(xDenominator, x);
        F yDen = evaluate(yDenominator, x);
        if (xDen.isZero() || yDen.isZero()) {
            return group.infinity();
        }
        F mappedX = evaluate(xNumerator, x).mul(xDen.inverse());
        F mappedY = y.mul(evaluate(yNumerator, x)).mul(yDen.inverse());
        return group.fromAffine(mappedX, mappedY);
    }

    /** Horner's rule over coefficients stored from the constant term up. */
    private F evaluate(List<F> coefficients, F x) {
        F acc = coefficients.get(coefficients.size() - 1);
        for (int i = coefficients.size() - 2; i >= 0; i--) {
            acc = acc.mul(x).add(coefficients.get(i));
        }
        return acc;
    }
}
