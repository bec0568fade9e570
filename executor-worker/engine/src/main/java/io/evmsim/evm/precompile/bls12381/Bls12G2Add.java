package io.evmsim.evm.precompile.bls12381;

/** BLS12_G2ADD at 0x0d (EIP-2537): 512 bytes of two G2 points in, 256 bytes out, 600 gas. */
public final class Bls12G2Add extends PointAddition<Fp2> {
    public static final long GAS = 600;

    public Bls12G2Add() {
        super(Bls12Group.G2, GAS);
    }
}
