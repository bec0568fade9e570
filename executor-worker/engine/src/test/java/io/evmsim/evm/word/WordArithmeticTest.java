package io.evmsim.evm.word;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 256-bit word operations of {@link WordMath}, {@link WordDivision} and {@link WordBits} against
 * {@link BigInteger} as the oracle: named edge cases from the Yellow Paper and the EIPs, then
 * randomized comparisons for every instruction on edge-biased operands.
 *
 * <p>Operands are laid out as the interpreter lays them out: the top of the stack at the highest
 * index, each deeper item four limbs lower, the result over the deepest operand. A sentinel word
 * below and above the operands must survive every operation untouched.
 */
class WordArithmeticTest {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger MASK = TWO_256.subtract(BigInteger.ONE);
    private static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);
    private static final BigInteger MAX = MASK;
    private static final BigInteger MINUS_ONE = MAX;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long SENTINEL = 0x5a5a_a5a5_c3c3_3c3cL;
    private static final int RANDOM_CASES_PER_OP = 20_000;
    /** One instance for every case, as the interpreter reuses its scratch limbs across instructions. */
    private static final WordDivision DIVISION = new WordDivision();

    /** Every word instruction: its arity, the engine call and the oracle. */
    enum Op {
        ADD(2, (w, i) -> WordMath.add(w, i[0], i[1]), x -> x[0].add(x[1])),
        SUB(2, (w, i) -> WordMath.sub(w, i[0], i[1]), x -> x[0].subtract(x[1])),
        MUL(2, (w, i) -> WordMath.mul(w, i[0], i[1]), x -> x[0].multiply(x[1])),
        DIV(2, (w, i) -> DIVISION.div(w, i[0], i[1]), x -> x[1].signum() == 0 ? BigInteger.ZERO : x[0].divide(x[1])),
        SDIV(2, (w, i) -> DIVISION.sdiv(w, i[0], i[1]),
                x -> x[1].signum() == 0 ? BigInteger.ZERO : signed(x[0]).divide(signed(x[1]))),
        MOD(2, (w, i) -> DIVISION.mod(w, i[0], i[1]), x -> x[1].signum() == 0 ? BigInteger.ZERO : x[0].mod(x[1])),
        SMOD(2, (w, i) -> DIVISION.smod(w, i[0], i[1]),
                x -> x[1].signum() == 0 ? BigInteger.ZERO : signed(x[0]).remainder(signed(x[1]))),
        ADDMOD(3, (w, i) -> DIVISION.addmod(w, i[0], i[1], i[2]),
                x -> x[2].signum() == 0 ? BigInteger.ZERO : x[0].add(x[1]).mod(x[2])),
        MULMOD(3, (w, i) -> DIVISION.mulmod(w, i[0], i[1], i[2]),
                x -> x[2].signum() == 0 ? BigInteger.ZERO : x[0].multiply(x[1]).mod(x[2])),
        EXP(2, (w, i) -> WordBits.exp(w, i[0], i[1]), x -> x[0].modPow(x[1], TWO_256)),
        SIGNEXTEND(2, (w, i) -> WordBits.signExtend(w, i[0], i[1]), x -> signExtend(x[0], x[1])),
        LT(2, (w, i) -> WordBits.lt(w, i[0], i[1]), x -> bool(x[0].compareTo(x[1]) < 0)),
        GT(2, (w, i) -> WordBits.gt(w, i[0], i[1]), x -> bool(x[0].compareTo(x[1]) > 0)),
        SLT(2, (w, i) -> WordBits.slt(w, i[0], i[1]), x -> bool(signed(x[0]).compareTo(signed(x[1])) < 0)),
        SGT(2, (w, i) -> WordBits.sgt(w, i[0], i[1]), x -> bool(signed(x[0]).compareTo(signed(x[1])) > 0)),
        EQ(2, (w, i) -> WordBits.eq(w, i[0], i[1]), x -> bool(x[0].equals(x[1]))),
        ISZERO(1, (w, i) -> WordBits.isZero(w, i[0]), x -> bool(x[0].signum() == 0)),
        AND(2, (w, i) -> WordBits.and(w, i[0], i[1]), x -> x[0].and(x[1])),
        OR(2, (w, i) -> WordBits.or(w, i[0], i[1]), x -> x[0].or(x[1])),
        XOR(2, (w, i) -> WordBits.xor(w, i[0], i[1]), x -> x[0].xor(x[1])),
        NOT(1, (w, i) -> WordBits.not(w, i[0]), x -> x[0].xor(MASK)),
        BYTE(2, (w, i) -> WordBits.byteAt(w, i[0], i[1]), x -> byteAt(x[0], x[1])),
        SHL(2, (w, i) -> WordBits.shl(w, i[0], i[1]),
                x -> x[0].compareTo(BigInteger.valueOf(256)) >= 0 ? BigInteger.ZERO : x[1].shiftLeft(x[0].intValue())),
        SHR(2, (w, i) -> WordBits.shr(w, i[0], i[1]),
                x -> x[0].compareTo(BigInteger.valueOf(256)) >= 0 ? BigInteger.ZERO : x[1].shiftRight(x[0].intValue())),
        SAR(2, (w, i) -> WordBits.sar(w, i[0], i[1]), x -> sar(x[0], x[1])),
        CLZ(1, (w, i) -> WordBits.clz(w, i[0]), x -> BigInteger.valueOf(256 - x[0].bitLength()));

        final int arity;
        final Engine engine;
        final Function<BigInteger[], BigInteger> oracle;

        Op(int arity, Engine engine, Function<BigInteger[], BigInteger> oracle) {
            this.arity = arity;
            this.engine = engine;
            this.oracle = oracle;
        }

        /** The oracle's answer reduced to an unsigned 256-bit word. */
        BigInteger expected(BigInteger... operands) {
            return oracle.apply(operands).mod(TWO_256);
        }
    }

    @FunctionalInterface
    interface Engine {
        /** Runs the operation; {@code index[0]} is the top of the stack, the result lands at the last. */
        void run(long[] words, int[] index);
    }

    // ---- the harness -----------------------------------------------------------------------

    /**
     * Runs {@code op} with {@code operands[0]} on top of the stack, as an EVM program that pushed
     * them in reverse would see them; checks the sentinels and returns the result word.
     */
    static BigInteger run(Op op, BigInteger... operands) {
        if (operands.length != op.arity) {
            throw new IllegalArgumentException(op + " takes " + op.arity + " operands");
        }
        int n = op.arity;
        long[] w = new long[4 * (n + 2)];
        for (int k = 0; k < w.length; k++) {
            w[k] = SENTINEL + k;
        }
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
            // operand k sits k words below the top; the deepest operand sits just above the low sentinel
            index[k] = 4 * (n - k);
            put(w, index[k], operands[k]);
        }
        op.engine.run(w, index);
        for (int k = 0; k < 4; k++) {
            assertEquals(SENTINEL + k, w[k], op + " wrote below its operands");
            int hi = 4 * (n + 1) + k;
            assertEquals(SENTINEL + hi, w[hi], op + " wrote above its operands");
        }
        return get(w, index[n - 1]);
    }

    static void put(long[] w, int at, BigInteger value) {
        BigInteger v = value.and(MASK);
        for (int k = 0; k < 4; k++) {
            w[at + k] = v.shiftRight(64 * k).longValue();
        }
    }

    static BigInteger get(long[] w, int at) {
        BigInteger v = BigInteger.ZERO;
        for (int k = 3; k >= 0; k--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(w[at + k])));
        }
        return v;
    }

    static BigInteger signed(BigInteger x) {
        return x.testBit(255) ? x.subtract(TWO_256) : x;
    }

    static BigInteger bool(boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
    }

    static BigInteger signExtend(BigInteger index, BigInteger value) {
        if (index.compareTo(BigInteger.valueOf(31)) >= 0) {
            return value;
        }
        int bit = index.intValue() * 8 + 7;
        BigInteger low = BigInteger.ONE.shiftLeft(bit + 1).subtract(BigInteger.ONE);
        return value.testBit(bit) ? value.or(MASK.xor(low)) : value.and(low);
    }

    static BigInteger byteAt(BigInteger index, BigInteger value) {
        if (index.compareTo(BigInteger.valueOf(32)) >= 0) {
            return BigInteger.ZERO;
        }
        return value.shiftRight(8 * (31 - index.intValue())).and(BigInteger.valueOf(0xff));
    }

    static BigInteger sar(BigInteger shift, BigInteger value) {
        BigInteger v = signed(value);
        if (shift.compareTo(BigInteger.valueOf(256)) >= 0) {
            return v.signum() < 0 ? MINUS_ONE : BigInteger.ZERO;
        }
        return v.shiftRight(shift.intValue());
    }

    static BigInteger hex(String hex) {
        return new BigInteger(hex.replace("_", ""), 16);
    }

    static BigInteger pow2(int n) {
        return BigInteger.ONE.shiftLeft(n);
    }

    static BigInteger neg(long v) {
        return BigInteger.valueOf(v).mod(TWO_256);
    }

    static BigInteger val(long v) {
        return BigInteger.valueOf(v);
    }

    void check(BigInteger expected, Op op, BigInteger... operands) {
        BigInteger actual = run(op, operands);
        assertEquals(expected.toString(16), actual.toString(16), () -> describe(op, operands));
        assertEquals(op.expected(operands).toString(16), actual.toString(16), () -> "oracle for " + describe(op, operands));
    }

    static String describe(Op op, BigInteger[] operands) {
        StringBuilder sb = new StringBuilder(op.name()).append('(');
        for (int k = 0; k < operands.length; k++) {
            sb.append(k == 0 ? "" : ", ").append("0x").append(operands[k].toString(16));
        }
        return sb.append(')').toString();
    }

    // ---- named cases -----------------------------------------------------------------------

    @Test
    void divisionAndModuloByZeroGiveZero() {
        for (BigInteger x : List.of(BigInteger.ZERO, BigInteger.ONE, TWO_255, MAX, TWO_64.subtract(BigInteger.ONE))) {
            check(BigInteger.ZERO, Op.DIV, x, BigInteger.ZERO);
            check(BigInteger.ZERO, Op.SDIV, x, BigInteger.ZERO);
            check(BigInteger.ZERO, Op.MOD, x, BigInteger.ZERO);
            check(BigInteger.ZERO, Op.SMOD, x, BigInteger.ZERO);
            check(BigInteger.ZERO, Op.ADDMOD, x, MAX, BigInteger.ZERO);
            check(BigInteger.ZERO, Op.MULMOD, x, MAX, BigInteger.ZERO);
        }
    }

    @Test
    void divisionBasics() {
        check(val(3), Op.DIV, val(10), val(3));
        check(BigInteger.ONE, Op.DIV, MAX, MAX);
        check(BigInteger.ZERO, Op.DIV, val(3), val(10));
        check(TWO_255.subtract(BigInteger.ONE).add(TWO_255), Op.DIV, MAX, BigInteger.ONE);
        check(BigInteger.ONE, Op.MOD, val(10), val(3));
        check(BigInteger.ZERO, Op.MOD, MAX, MAX);
        check(BigInteger.ONE, Op.MOD, MAX, MAX.subtract(BigInteger.ONE));
        // divisor with a zero top digit after normalisation, the add-back step of algorithm D
        check(hex("7fffffff800000010000000000000000").divide(hex("800000000000000000000003")),
                Op.DIV, hex("7fffffff800000010000000000000000"), hex("800000000000000000000003"));
        check(hex("7fffffff800000010000000000000000").mod(hex("800000000000000000000003")),
                Op.MOD, hex("7fffffff800000010000000000000000"), hex("800000000000000000000003"));
    }

    /** A number from 32-bit digits, least significant first: algorithm D's own view of its operands. */
    static BigInteger digits(long... d) {
        BigInteger v = BigInteger.ZERO;
        for (int k = d.length - 1; k >= 0; k--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(d[k] & 0xffffffffL));
        }
        return v;
    }

    @Test
    void divisionCasesThatNeedTheAddBackStep() {
        // Hacker's Delight, divmnu64 test vectors: add back required, and a multiply-subtract
        // quantity that must not be treated as signed; each also shifted up by one and two limbs
        BigInteger[][] cases = {
            {digits(0, 0, 0x80000000L, 0x7fffffffL), digits(1, 0, 0x80000000L)},
            {digits(3, 0, 0x80000000L), digits(1, 0, 0x20000000L)},
            {digits(3, 0, 0x8000), digits(1, 0, 0x2000)},
            {digits(0, 0, 0x8000, 0x7fff), digits(1, 0, 0x8000)},
            {digits(0, 0xfffe, 0, 0x8000), digits(0xffff, 0, 0x8000)},
            {digits(0, 0, 0, 0, 0, 0, 0x80000000L, 0x7fffffffL), digits(1, 0, 0, 0, 0x80000000L)},
            {digits(0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xfffffffeL),
                digits(0xffffffffL, 0xffffffffL, 0xffffffffL)},
        };
        for (BigInteger[] c : cases) {
            for (int shift : new int[] {0, 64, 128}) {
                BigInteger u = c[0].shiftLeft(shift).and(MASK);
                BigInteger v = c[1].shiftLeft(shift).and(MASK);
                check(u.divide(v), Op.DIV, u, v);
                check(u.mod(v), Op.MOD, u, v);
                check(Op.SDIV.expected(u, v), Op.SDIV, u, v);
                check(Op.SMOD.expected(u, v), Op.SMOD, u, v);
                check(u.multiply(u).mod(v), Op.MULMOD, u, u, v);
                check(u.add(u).mod(v), Op.ADDMOD, u, u, v);
            }
        }
    }

    /** Random words built from the 32-bit digits division gets wrong first: 0, 1, 2^31, 2^32-1 and their kin. */
    static BigInteger digitWord(SplittableRandom r) {
        long[] palette = {0, 1, 2, 3, 0x7fffffffL, 0x80000000L, 0x80000001L, 0xfffffffeL, 0xffffffffL, 0x8000,
            0x7fff, 0xffff};
        int length = 1 + r.nextInt(8);
        long[] d = new long[length];
        for (int k = 0; k < length; k++) {
            d[k] = r.nextInt(4) == 0 ? r.nextLong() & 0xffffffffL : palette[r.nextInt(palette.length)];
        }
        return digits(d);
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD"})
    void divisionOnDigitBoundariesAgreesWithBigInteger(Op op) {
        SplittableRandom r = new SplittableRandom(0xd1_9175L + op.ordinal());
        for (int i = 0; i < 20_000; i++) {
            BigInteger[] operands = new BigInteger[op.arity];
            for (int k = 0; k < op.arity; k++) {
                operands[k] = digitWord(r);
            }
            BigInteger actual = run(op, operands);
            BigInteger expected = op.expected(operands);
            if (!expected.equals(actual)) {
                fail(describe(op, operands) + " = 0x" + actual.toString(16) + ", expected 0x" + expected.toString(16));
            }
        }
    }

    /**
     * Words of 64-bit digits near the limb boundaries: with four-limb divisors these reach the
     * add-back step of algorithm D in 64-bit digits (dozens of times per 20,000 cases, counted
     * with a reference model of the algorithm), which the 32-bit-digit vectors above cannot.
     */
    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"DIV", "MOD", "SMOD", "ADDMOD", "MULMOD"})
    void sixtyFourBitDigitBoundariesAgreeWithBigInteger(Op op) {
        long[] palette = {0, 1, 2, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 32,
            (1L << 32) - 1};
        SplittableRandom r = new SplittableRandom(0x64_d161L + op.ordinal());
        for (int i = 0; i < 20_000; i++) {
            BigInteger[] operands = new BigInteger[op.arity];
            for (int k = 0; k < op.arity; k++) {
                BigInteger word = BigInteger.ZERO;
                for (int limb = 0; limb < 4; limb++) {
                    long digit = palette[r.nextInt(palette.length)];
                    word = word.or(new BigInteger(Long.toUnsignedString(digit)).shiftLeft(64 * limb));
                }
                operands[k] = word;
            }
            BigInteger actual = run(op, operands);
            BigInteger expected = op.expected(operands);
            if (!expected.equals(actual)) {
                fail(describe(op, operands) + " = 0x" + actual.toString(16) + ", expected 0x" + expected.toString(16));
            }
        }
    }

    @Test
    void sdivOfMinusTwoTo255ByMinusOneOverflowsToItself() {
        check(TWO_255, Op.SDIV, TWO_255, MINUS_ONE);
        check(TWO_255, Op.SDIV, TWO_255, BigInteger.ONE);
        check(BigInteger.ONE, Op.SDIV, TWO_255, TWO_255);
        check(BigInteger.ZERO, Op.SDIV, TWO_255.subtract(BigInteger.ONE), TWO_255);
        check(MINUS_ONE, Op.SDIV, TWO_255.add(BigInteger.ONE), TWO_255.subtract(BigInteger.ONE));
    }

    @Test
    void sdivTruncatesTowardZero() {
        check(neg(-3), Op.SDIV, neg(-7), val(2));
        check(neg(-3), Op.SDIV, val(7), neg(-2));
        check(val(3), Op.SDIV, neg(-7), neg(-2));
        check(val(3), Op.SDIV, val(7), val(2));
        check(BigInteger.ZERO, Op.SDIV, neg(-1), val(2));
    }

    @Test
    void smodTakesTheSignOfTheDividend() {
        check(val(1), Op.SMOD, val(7), val(3));
        check(val(1), Op.SMOD, val(7), neg(-3));
        check(neg(-1), Op.SMOD, neg(-7), val(3));
        check(neg(-1), Op.SMOD, neg(-7), neg(-3));
        check(BigInteger.ZERO, Op.SMOD, neg(-6), neg(-3));
        check(neg(-2), Op.SMOD, neg(-8), neg(-3)); // EIP-145 era example: -8 smod -3 = -2
        check(BigInteger.ZERO, Op.SMOD, TWO_255, MINUS_ONE);
        check(BigInteger.ZERO, Op.SMOD, TWO_255, TWO_255);
        check(TWO_255.subtract(BigInteger.ONE), Op.SMOD, TWO_255.subtract(BigInteger.ONE), TWO_255);
        check(neg(-1), Op.SMOD, TWO_255, TWO_255.subtract(BigInteger.ONE));
    }

    @Test
    void signExtendForEveryByteIndex() {
        BigInteger allOnesLow = MAX; // every byte 0xff
        BigInteger pattern = hex("80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f_80_7f");
        for (int k = 0; k < 32; k++) {
            BigInteger low = pow2(8 * k + 8).subtract(BigInteger.ONE);
            // sign bit set: everything above byte k becomes 1
            BigInteger negative = pow2(8 * k + 7);
            check(k == 31 ? negative : MASK.xor(low).or(negative), Op.SIGNEXTEND, val(k), negative);
            // sign bit clear: everything above byte k becomes 0
            BigInteger positive = MAX.xor(pow2(8 * k + 7)).and(MAX);
            check(k == 31 ? positive : positive.and(low), Op.SIGNEXTEND, val(k), positive);
            check(allOnesLow, Op.SIGNEXTEND, val(k), allOnesLow);
            check(signExtend(val(k), pattern), Op.SIGNEXTEND, val(k), pattern);
        }
        check(hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"), Op.SIGNEXTEND, val(0), val(0x80));
        check(val(0x7f), Op.SIGNEXTEND, val(0), hex("ffff7f"));
        check(hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8000"), Op.SIGNEXTEND, val(1), val(0x8000));
    }

    @Test
    void signExtendWithIndexThirtyOneOrMoreKeepsTheValue() {
        for (BigInteger index : List.of(val(31), val(32), val(33), val(255), val(256), TWO_64.subtract(BigInteger.ONE),
                TWO_64, TWO_64.add(val(1)), pow2(128), TWO_255, MAX, pow2(64).add(val(5)), pow2(192).add(val(3)))) {
            for (BigInteger value : List.of(BigInteger.ZERO, val(0x80), TWO_255, MAX, hex("1234567890abcdef"))) {
                check(value, Op.SIGNEXTEND, index, value);
            }
        }
    }

    @Test
    void sarOfNegativeNumbers() {
        BigInteger minusTwo = neg(-2);
        BigInteger min = TWO_255;
        check(minusTwo, Op.SAR, val(0), minusTwo);
        check(MINUS_ONE, Op.SAR, val(1), minusTwo);
        check(MINUS_ONE, Op.SAR, val(255), minusTwo);
        check(MINUS_ONE, Op.SAR, val(256), minusTwo);
        check(MINUS_ONE, Op.SAR, MAX, minusTwo);
        check(MINUS_ONE, Op.SAR, TWO_64, minusTwo);
        check(MINUS_ONE, Op.SAR, pow2(128).add(val(1)), minusTwo);
        check(min, Op.SAR, val(0), min);
        check(hex("c000000000000000000000000000000000000000000000000000000000000000"), Op.SAR, val(1), min);
        check(MINUS_ONE, Op.SAR, val(255), min);
        check(MINUS_ONE, Op.SAR, val(256), min);
        check(MINUS_ONE, Op.SAR, val(257), min);
        check(neg(-1L << 62), Op.SAR, val(193), min);
        check(neg(-4), Op.SAR, val(64), neg(-4).shiftLeft(64).mod(TWO_256));
        check(MINUS_ONE, Op.SAR, val(4), neg(-1));
        // positives fill with zeros
        check(BigInteger.ZERO, Op.SAR, val(255), TWO_255.subtract(BigInteger.ONE));
        check(BigInteger.ONE, Op.SAR, val(254), TWO_255.subtract(BigInteger.ONE));
        check(BigInteger.ZERO, Op.SAR, val(256), TWO_255.subtract(BigInteger.ONE));
        check(BigInteger.ZERO, Op.SAR, MAX, TWO_255.subtract(BigInteger.ONE));
    }

    @Test
    void shlAndShrBoundaries() {
        BigInteger one = BigInteger.ONE;
        check(one, Op.SHL, val(0), one);
        check(TWO_255, Op.SHL, val(255), one);
        check(BigInteger.ZERO, Op.SHL, val(256), one);
        check(BigInteger.ZERO, Op.SHL, TWO_64, one);
        check(BigInteger.ZERO, Op.SHL, TWO_64.add(one), MAX);
        check(BigInteger.ZERO, Op.SHL, pow2(64).add(val(1)), one); // high limb set, low limb 1
        check(BigInteger.ZERO, Op.SHL, MAX, MAX);
        check(MAX, Op.SHL, val(0), MAX);
        check(TWO_255, Op.SHL, val(255), MAX);
        check(MAX.subtract(one), Op.SHL, val(1), MAX);
        check(MAX.shiftLeft(64).and(MASK), Op.SHL, val(64), MAX);
        check(MAX.shiftLeft(65).and(MASK), Op.SHL, val(65), MAX);

        check(one, Op.SHR, val(0), one);
        check(BigInteger.ZERO, Op.SHR, val(1), one);
        check(one, Op.SHR, val(255), TWO_255);
        check(BigInteger.ZERO, Op.SHR, val(256), TWO_255);
        check(BigInteger.ZERO, Op.SHR, TWO_64, MAX);
        check(BigInteger.ZERO, Op.SHR, pow2(64).add(val(1)), MAX);
        check(BigInteger.ZERO, Op.SHR, MAX, MAX);
        check(MAX, Op.SHR, val(0), MAX);
        check(one, Op.SHR, val(255), MAX);
        check(MAX.shiftRight(1), Op.SHR, val(1), MAX);
        check(MAX.shiftRight(128), Op.SHR, val(128), MAX);
        check(MAX.shiftRight(127), Op.SHR, val(127), MAX);
    }

    @Test
    void byteIndexesFromTheMostSignificantEnd() {
        BigInteger value = hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        for (int k = 0; k < 32; k++) {
            check(val(k + 1), Op.BYTE, val(k), value);
        }
        check(val(1), Op.BYTE, val(0), value);
        check(val(0x20), Op.BYTE, val(31), value);
        check(BigInteger.ZERO, Op.BYTE, val(32), value);
        check(BigInteger.ZERO, Op.BYTE, val(33), MAX);
        check(BigInteger.ZERO, Op.BYTE, TWO_64, MAX);
        check(BigInteger.ZERO, Op.BYTE, TWO_64.add(val(1)), MAX);
        check(BigInteger.ZERO, Op.BYTE, pow2(128), MAX);
        check(BigInteger.ZERO, Op.BYTE, MAX, MAX);
        check(BigInteger.ZERO, Op.BYTE, neg(-31), MAX);
        check(val(0xff), Op.BYTE, val(31), MAX);
    }

    @Test
    void addmodAndMulmodKeepTheFullIntermediate() {
        BigInteger maxMinusOne = MAX.subtract(BigInteger.ONE);
        // (2^256-1)^2 mod (2^256-2) = 1
        check(BigInteger.ONE, Op.MULMOD, MAX, MAX, maxMinusOne);
        check(BigInteger.ZERO, Op.MULMOD, MAX, MAX, MAX);
        check(BigInteger.ZERO, Op.MULMOD, MAX, MAX, BigInteger.ONE);
        check(MAX.multiply(MAX).mod(val(12345)), Op.MULMOD, MAX, MAX, val(12345));
        check(MAX.multiply(MAX).mod(TWO_64.add(BigInteger.ONE)), Op.MULMOD, MAX, MAX, TWO_64.add(BigInteger.ONE));
        check(TWO_255.multiply(val(3)).mod(TWO_255.subtract(BigInteger.ONE)), Op.MULMOD, TWO_255, val(3),
                TWO_255.subtract(BigInteger.ONE));
        // (2^256-1) + (2^256-1) mod (2^256-2) = 2
        check(val(2), Op.ADDMOD, MAX, MAX, maxMinusOne);
        check(BigInteger.ZERO, Op.ADDMOD, MAX, MAX, MAX);
        check(val(2), Op.ADDMOD, MAX, val(2), MAX);
        check(BigInteger.ONE, Op.ADDMOD, MAX, val(2), val(2));
        check(MAX.add(val(2)).mod(val(7)), Op.ADDMOD, MAX, val(2), val(7));
        check(val(4), Op.ADDMOD, val(10), val(10), val(8));
        check(BigInteger.ZERO, Op.ADDMOD, MAX, MAX, BigInteger.ZERO);
        check(BigInteger.ZERO, Op.MULMOD, MAX, MAX, BigInteger.ZERO);
        check(BigInteger.ZERO, Op.MULMOD, val(5), val(7), BigInteger.ZERO);
        // MULMOD of signed-looking operands is unsigned
        check(neg(-1).multiply(neg(-1)).mod(val(7)), Op.MULMOD, neg(-1), neg(-1), val(7));
    }

    @Test
    void exponentiation() {
        check(BigInteger.ONE, Op.EXP, BigInteger.ZERO, BigInteger.ZERO);
        check(BigInteger.ZERO, Op.EXP, BigInteger.ZERO, BigInteger.ONE);
        check(BigInteger.ZERO, Op.EXP, BigInteger.ZERO, MAX);
        check(BigInteger.ONE, Op.EXP, MAX, BigInteger.ZERO);
        check(TWO_255, Op.EXP, val(2), val(255));
        check(BigInteger.ZERO, Op.EXP, val(2), val(256));
        check(BigInteger.ZERO, Op.EXP, val(2), MAX);
        check(MAX, Op.EXP, MAX, BigInteger.ONE);
        check(MAX, Op.EXP, MAX, MAX); // (-1)^odd
        check(BigInteger.ONE, Op.EXP, MAX, MAX.subtract(BigInteger.ONE)); // (-1)^even
        check(val(3).modPow(MAX, TWO_256), Op.EXP, val(3), MAX);
        check(val(3).modPow(TWO_255.add(val(12345)), TWO_256), Op.EXP, val(3), TWO_255.add(val(12345)));
        check(val(3).modPow(hex("deadbeef"), TWO_256), Op.EXP, val(3), hex("deadbeef"));
        check(val(10).pow(18), Op.EXP, val(10), val(18));
        check(val(10).pow(77), Op.EXP, val(10), val(77));
        check(val(10).pow(78).mod(TWO_256), Op.EXP, val(10), val(78));
    }

    @Test
    void countLeadingZeros() {
        check(val(256), Op.CLZ, BigInteger.ZERO);
        check(val(255), Op.CLZ, BigInteger.ONE);
        check(BigInteger.ZERO, Op.CLZ, TWO_255);
        check(BigInteger.ZERO, Op.CLZ, MAX);
        check(val(1), Op.CLZ, TWO_255.subtract(BigInteger.ONE));
        for (int bit = 0; bit < 256; bit++) {
            check(val(255 - bit), Op.CLZ, pow2(bit));
            check(val(255 - bit), Op.CLZ, pow2(bit + 1).subtract(BigInteger.ONE));
        }
    }

    @Test
    void addAndSubWrapAround() {
        check(BigInteger.ZERO, Op.ADD, MAX, BigInteger.ONE);
        check(MAX.subtract(BigInteger.ONE), Op.ADD, MAX, MAX);
        check(TWO_64, Op.ADD, TWO_64.subtract(BigInteger.ONE), BigInteger.ONE);
        check(pow2(192), Op.ADD, pow2(192).subtract(BigInteger.ONE), BigInteger.ONE);
        check(MAX, Op.SUB, BigInteger.ZERO, BigInteger.ONE);
        check(BigInteger.ONE, Op.SUB, BigInteger.ZERO, MAX);
        check(TWO_64.subtract(BigInteger.ONE), Op.SUB, TWO_64, BigInteger.ONE);
        check(TWO_256.subtract(TWO_64).add(BigInteger.ONE), Op.SUB, BigInteger.ONE, TWO_64);
        check(BigInteger.ONE, Op.MUL, MAX, MAX);
        check(BigInteger.ZERO, Op.MUL, TWO_255, val(2));
        check(pow2(128), Op.MUL, TWO_64, TWO_64);
    }

    @Test
    void comparisons() {
        check(BigInteger.ONE, Op.LT, BigInteger.ZERO, MAX);
        check(BigInteger.ZERO, Op.SLT, BigInteger.ZERO, MAX);
        check(BigInteger.ONE, Op.SGT, BigInteger.ZERO, MAX);
        check(BigInteger.ONE, Op.SLT, TWO_255, TWO_255.subtract(BigInteger.ONE));
        check(BigInteger.ZERO, Op.LT, TWO_255, TWO_255.subtract(BigInteger.ONE));
        check(BigInteger.ZERO, Op.LT, MAX, MAX);
        check(BigInteger.ONE, Op.EQ, MAX, MAX);
        check(BigInteger.ZERO, Op.EQ, MAX, MAX.subtract(TWO_64));
        check(BigInteger.ONE, Op.ISZERO, BigInteger.ZERO);
        check(BigInteger.ZERO, Op.ISZERO, pow2(200));
    }

    // ---- randomized comparisons --------------------------------------------------------------

    /** Operands a random generator rarely hits but arithmetic bugs love. */
    private static final List<BigInteger> EDGES = edges();

    private static List<BigInteger> edges() {
        List<BigInteger> e = new ArrayList<>();
        for (long v = 0; v <= 33; v++) {
            e.add(val(v));
        }
        for (long v : new long[] {63, 64, 65, 127, 128, 129, 191, 192, 193, 254, 255, 256, 257, 0xff, 0x7f, 0x80}) {
            e.add(val(v));
        }
        for (int bit : new int[] {31, 32, 63, 64, 95, 96, 127, 128, 159, 160, 191, 192, 223, 224, 254, 255}) {
            e.add(pow2(bit));
            e.add(pow2(bit).subtract(BigInteger.ONE));
            e.add(pow2(bit).add(BigInteger.ONE));
            e.add(TWO_256.subtract(pow2(bit)));
        }
        e.add(MAX);
        e.add(MAX.subtract(BigInteger.ONE));
        e.add(TWO_255.subtract(BigInteger.ONE));
        e.add(TWO_64.subtract(BigInteger.ONE));
        e.add(hex("ffffffff00000000ffffffff00000000ffffffff00000000ffffffff00000000"));
        e.add(hex("00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff"));
        e.add(hex("8000000000000000800000000000000080000000000000008000000000000000"));
        e.add(hex("7fffffffffffffff7fffffffffffffff7fffffffffffffff7fffffffffffffff"));
        return List.copyOf(e);
    }

    static BigInteger randomWord(SplittableRandom r) {
        switch (r.nextInt(12)) {
            case 0, 1, 2:
                return EDGES.get(r.nextInt(EDGES.size()));
            case 3: {
                // a random number of significant bits, often on limb and digit boundaries
                int bits = r.nextInt(257);
                return bits == 0 ? BigInteger.ZERO : new BigInteger(bits, new java.util.Random(r.nextLong())).setBit(bits - 1);
            }
            case 4: {
                // long runs of one bits and zero bits: carries and borrows across limbs
                BigInteger v = BigInteger.ZERO;
                int pos = 0;
                boolean ones = r.nextBoolean();
                while (pos < 256) {
                    int run = 1 + r.nextInt(80);
                    if (ones) {
                        v = v.or(pow2(Math.min(256, pos + run)).subtract(pow2(pos)));
                    }
                    pos += run;
                    ones = !ones;
                }
                return v.and(MASK);
            }
            case 5:
                // a small negative number
                return neg(-1 - r.nextInt(1 << 20));
            case 6:
                // each limb independently zero, all-ones or random
                return limbs(r);
            case 7:
                return val(r.nextLong() & Long.MAX_VALUE);
            case 8:
                return val(r.nextInt(300));
            default: {
                byte[] b = new byte[32];
                for (int k = 0; k < 32; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
                return new BigInteger(1, b);
            }
        }
    }

    static BigInteger limbs(SplittableRandom r) {
        BigInteger v = BigInteger.ZERO;
        for (int k = 0; k < 4; k++) {
            long limb = switch (r.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> -1L;
                case 2 -> r.nextInt(4) == 0 ? 1L : Long.MIN_VALUE;
                default -> r.nextLong();
            };
            v = v.or(new BigInteger(Long.toUnsignedString(limb)).shiftLeft(64 * k));
        }
        return v;
    }

    /** Shift amounts, byte indexes and sign-extension indexes cluster around the interesting range. */
    static BigInteger randomSmallIndex(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> val(r.nextInt(40));
            case 1 -> val(r.nextInt(300));
            default -> randomWord(r);
        };
    }

    /** A divisor close to the dividend's size, where algorithm D's estimate and add-back matter. */
    static BigInteger randomDivisor(SplittableRandom r, BigInteger dividend) {
        if (r.nextInt(3) != 0 || dividend.bitLength() < 2) {
            return randomWord(r);
        }
        int bits = 1 + r.nextInt(dividend.bitLength());
        BigInteger d = dividend.shiftRight(dividend.bitLength() - bits);
        return switch (r.nextInt(3)) {
            case 0 -> d;
            case 1 -> d.add(BigInteger.ONE).and(MASK);
            default -> d.subtract(BigInteger.ONE).max(BigInteger.ONE);
        };
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void randomOperandsAgreeWithBigInteger(Op op) {
        SplittableRandom r = new SplittableRandom(0x5eed_0000L + op.ordinal());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES_PER_OP && failures.size() < 10; i++) {
            BigInteger[] operands = new BigInteger[op.arity];
            for (int k = 0; k < op.arity; k++) {
                operands[k] = randomWord(r);
            }
            switch (op) {
                case SHL, SHR, SAR, BYTE, SIGNEXTEND -> operands[0] = randomSmallIndex(r);
                case DIV, SDIV, MOD, SMOD -> operands[1] = randomDivisor(r, operands[0]);
                case ADDMOD -> operands[2] = randomDivisor(r, operands[0].add(operands[1]).min(MASK));
                case MULMOD -> operands[2] = randomDivisor(r, operands[0].multiply(operands[1]).shiftRight(256)
                        .max(operands[0]));
                case EXP -> {
                    if (r.nextBoolean()) {
                        operands[1] = val(r.nextInt(600));
                    }
                }
                default -> { }
            }
            BigInteger expected = op.expected(operands);
            BigInteger actual = run(op, operands);
            if (!expected.equals(actual)) {
                failures.add(describe(op, operands) + " = 0x" + actual.toString(16) + ", expected 0x"
                        + expected.toString(16));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches, first ones:\n" + String.join("\n", failures));
        }
    }

    @Test
    void operandsAtArbitraryStackPositions() {
        // the interpreter passes indexes deep inside a 1024-word stack: no operation may assume a == 4
        SplittableRandom r = new SplittableRandom(42);
        long[] stack = new long[1024 * 4];
        for (Op op : Op.values()) {
            for (int i = 0; i < 200; i++) {
                int top = op.arity - 1 + r.nextInt(1024 - op.arity);
                BigInteger[] operands = new BigInteger[op.arity];
                int[] index = new int[op.arity];
                for (int k = 0; k < op.arity; k++) {
                    operands[k] = randomWord(r);
                    index[k] = (top - k) * 4;
                    put(stack, index[k], operands[k]);
                }
                long[] before = stack.clone();
                op.engine.run(stack, index);
                int result = index[op.arity - 1];
                assertEquals(op.expected(operands), get(stack, result), describe(op, operands));
                for (int k = 0; k < stack.length; k++) {
                    if (k < result || k >= result + 4 * op.arity) {
                        if (before[k] != stack[k]) {
                            fail(op + " changed stack limb " + k + " outside its operands");
                        }
                    }
                }
            }
        }
    }

    @Test
    void harnessSelfCheck() {
        long[] w = new long[4];
        BigInteger v = hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        put(w, 0, v);
        assertArrayEquals(new long[] {0x191a1b1c1d1e1f20L, 0x1112131415161718L, 0x090a0b0c0d0e0f10L,
                0x0102030405060708L}, w);
        assertEquals(v, get(w, 0));
        assertEquals(val(7), run(Op.SUB, val(10), val(3)), "SUB computes top - next");
        assertEquals(val(3), run(Op.DIV, val(10), val(3)), "DIV computes top / next");
        assertEquals(val(1024), run(Op.EXP, val(2), val(10)), "EXP computes top ** next");
        assertEquals(val(8), run(Op.SHL, val(3), val(1)), "SHL shifts next by top");
        assertEquals(val(3), run(Op.ADDMOD, val(5), val(6), val(4)), "ADDMOD is (top + next) % third");
    }
}
