package io.evmsim.evm.precompile.bn254;

/** The optimal ate pairing e: G1 × G2 → GT, composed of the Miller loop and the final exponentiation. */
final class Pairing {
    private Pairing() {
    }

    /**
     * Π e(P_k, Q_k) for affine G1 points (8 limbs) and affine G2 points (16 limbs), none at
     * infinity; an empty product is 1.
     */
    static long[] product(long[][] ps, long[][] qs) {
        if (ps.length == 0) {
            return Fp12.one();
        }
        return FinalExponentiation.apply(MillerLoop.run(ps, qs));
    }
}
