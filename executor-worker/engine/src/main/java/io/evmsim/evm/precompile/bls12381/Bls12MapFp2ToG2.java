package io.evmsim.evm.precompile.bls12381;

/** BLS12_MAP_FP2_TO_G2 at 0x11 (EIP-2537): 128 bytes in, a G2 point (256 bytes) out, 23800 gas. */
public final class Bls12MapFp2ToG2 extends MapToCurvePrecompile<Fp2> {
    public static final long GAS = 23800;

    public Bls12MapFp2ToG2() {
        super(Bls12Group.G2, Bls12CurveMaps.G2, Fp2::decode, GAS);
    }
}
