package io.evmsim.evm.precompile.bls12381;

/** BLS12_G1ADD at 0x0b (EIP-2537): 256 bytes of two G1 points in, 128 bytes out, 375 gas. */
public final class Bls12G1Add extends PointAddition<Fp> {
    public static final long GAS = 375;

    public Bls12G1Add() {
        super(Bls12Group.G1, GAS);
    }
}
