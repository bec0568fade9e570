package io.evmsim.evm.state;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.opcode.Opcodes;
import java.util.Arrays;

/**
 * Contract code with its hash and its valid jump destinations, computed once per code hash (see
 * {@link CodeCache}). The bitmap marks JUMPDEST bytes that are opcodes, not PUSH data.
 */
public final class Code {
    public static final Code EMPTY = new Code(new byte[0], Hash.EMPTY_CODE);
    /** EIP-7702: a delegation designator is this prefix followed by a 20-byte address. */
    private static final int DELEGATION_LENGTH = 23;

    /** Zero bytes past the end of {@link #paddedBytes()}: the immediate of a PUSH32 at the last byte. */
    private static final int PADDING = 33;

    private final byte[] bytes;
    private final Hash hash;
    /** Racy but safe lazy initialisation: the record's fields are final, so any thread sees them whole. */
    private Analysis analysis;

    /** What the interpreter derives from the code once: JUMPDEST bitmap and the zero-padded bytes. */
    private record Analysis(long[] jumpDestinations, byte[] paddedBytes) {
    }

    public Code(byte[] bytes, Hash hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    /** Code whose hash is not needed (initcode): hashed lazily, never cached. */
    public static Code initCode(byte[] bytes) {
        return new Code(bytes, null);
    }

    public static Code of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Code(bytes, Keccak.hash(bytes));
    }

    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    public Hash hash() {
        return hash != null ? hash : Keccak.hash(bytes);
    }

    /** Bit {@code pc} (word {@code pc >>> 6}) is set where a valid JUMPDEST stands. */
    public long[] jumpDestinations() {
        return analysis().jumpDestinations();
    }

    /**
     * The code followed by {@link #PADDING} zero bytes, so that the interpreter reads PUSH
     * immediates without a bounds check: code ending inside an immediate reads as zero-padded.
     */
    public byte[] paddedBytes() {
        return analysis().paddedBytes();
    }

    private Analysis analysis() {
        Analysis a = analysis;
        if (a == null) {
            a = new Analysis(analyze(bytes), Arrays.copyOf(bytes, bytes.length + PADDING));
            analysis = a;
        }
        return a;
    }

    /** The delegate of an EIP-7702 designator {@code 0xef0100 || address}, or null for other code. */
    public Address delegationTarget() {
        if (bytes.length != DELEGATION_LENGTH || (bytes[0] & 0xff) != 0xef || bytes[1] != 0x01 || bytes[2] != 0x00) {
            return null;
        }
        byte[] address = new byte[Address.SIZE];
        System.arraycopy(bytes, 3, address, 0, Address.SIZE);
        return Address.wrap(address);
    }

    public static byte[] delegationDesignator(Address target) {
        byte[] code = new byte[DELEGATION_LENGTH];
        code[0] = (byte) 0xef;
        code[1] = 0x01;
        target.copyTo(code, 3);
        return code;
    }

    private static long[] analyze(byte[] code) {
        long[] map = new long[(code.length + 63) >>> 6];
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xff;
            if (op == Opcodes.JUMPDEST) {
                map[pc >>> 6] |= 1L << pc;
            } else if (op >= Opcodes.PUSH1 && op <= Opcodes.PUSH32) {
                pc += op - Opcodes.PUSH1 + 1;
            }
        }
        return map;
    }
}
