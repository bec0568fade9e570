package io.evmsim.evm.precompile;

/**
 * The "base + per word" gas rule of the hashing and copying precompiles of the Yellow Paper
 * (appendix E): a word is 32 bytes and a partial word counts as a whole one.
 */
final class WordGas {
    private WordGas() {
    }

    static long linear(long base, long perWord, int inputLength) {
        long words = (inputLength + 31L) / 32;
        // input arrays are below 2^31 bytes, so the product stays far from overflow
        return base + perWord * words;
    }
}
