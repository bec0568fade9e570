package io.evmsim.evm.precompile.bls12381;

/** BLS12_MAP_FP_TO_G1 at 0x10 (EIP-2537): 64 bytes in, a G1 point (128 bytes) out, 5500 gas. */
public final class Bls12MapFpToG1 extends MapToCurvePrecompile<Fp> {
    public static final long GAS = 5500;

    public Bls12MapFpToG1() {
        super(Bls12Group.G1, Bls12CurveMaps.G1, Fp::decode, GAS);
    }
}
