package io.evmsim.evm.precompile;

/** The identity (data copy) at address 0x04 (Yellow Paper appendix E): 15 gas plus 3 per word. */
public final class Identity implements Precompile {
    private static final long BASE_GAS = 15;
    private static final long WORD_GAS = 3;

    @Override
    public long gasCost(byte[] input) {
        return WordGas.linear(BASE_GAS, WORD_GAS, input.length);
    }

    @Override
    public byte[] compute(byte[] input) {
        // a copy, so that the caller's memory and the returned data never alias
        return input.clone();
    }
}
