package io.evmsim.evm.opcode;

/**
 * An immutable set of opcodes as 256 bits: which instructions a tracer's step hook wants to see,
 * tested by the interpreter before every instruction while a tracer is attached.
 */
public final class OpcodeSet {
    public static final OpcodeSet ALL = new OpcodeSet(new long[] {-1L, -1L, -1L, -1L});
    public static final OpcodeSet NONE = new OpcodeSet(new long[4]);

    private final long[] bits;

    private OpcodeSet(long[] bits) {
        this.bits = bits;
    }

    public static OpcodeSet of(int... opcodes) {
        long[] bits = new long[4];
        for (int opcode : opcodes) {
            if (opcode < 0 || opcode > 0xff) {
                throw new IllegalArgumentException("not an opcode: " + opcode);
            }
            bits[opcode >>> 6] |= 1L << opcode;
        }
        return new OpcodeSet(bits);
    }

    public boolean contains(int opcode) {
        return (bits[opcode >>> 6] & (1L << opcode)) != 0;
    }

    public boolean isEmpty() {
        return (bits[0] | bits[1] | bits[2] | bits[3]) == 0;
    }

    public OpcodeSet union(OpcodeSet other) {
        return new OpcodeSet(new long[] {bits[0] | other.bits[0], bits[1] | other.bits[1], bits[2] | other.bits[2],
                bits[3] | other.bits[3]});
    }
}
