package io.evmsim.evm.opcode;

import java.util.Arrays;

/**
 * Opcode byte values and the table of their traits (as evmone keeps one table), with each
 * opcode's static gas as of Shanghai, the base the supported forks build on. Which opcodes a fork
 * has, and at what static gas, is the fork's {@link InstructionSet} (see
 * {@code io.evmsim.evm.fork.Forks}): the opcodes introduced since Shanghai are listed here with
 * their traits only.
 */
public final class Opcodes {
    public static final int STOP = 0x00, ADD = 0x01, MUL = 0x02, SUB = 0x03, DIV = 0x04, SDIV = 0x05, MOD = 0x06,
            SMOD = 0x07, ADDMOD = 0x08, MULMOD = 0x09, EXP = 0x0a, SIGNEXTEND = 0x0b;
    public static final int LT = 0x10, GT = 0x11, SLT = 0x12, SGT = 0x13, EQ = 0x14, ISZERO = 0x15, AND = 0x16,
            OR = 0x17, XOR = 0x18, NOT = 0x19, BYTE = 0x1a, SHL = 0x1b, SHR = 0x1c, SAR = 0x1d, CLZ = 0x1e;
    public static final int KECCAK256 = 0x20;
    public static final int ADDRESS = 0x30, BALANCE = 0x31, ORIGIN = 0x32, CALLER = 0x33, CALLVALUE = 0x34,
            CALLDATALOAD = 0x35, CALLDATASIZE = 0x36, CALLDATACOPY = 0x37, CODESIZE = 0x38, CODECOPY = 0x39,
            GASPRICE = 0x3a, EXTCODESIZE = 0x3b, EXTCODECOPY = 0x3c, RETURNDATASIZE = 0x3d, RETURNDATACOPY = 0x3e,
            EXTCODEHASH = 0x3f;
    public static final int BLOCKHASH = 0x40, COINBASE = 0x41, TIMESTAMP = 0x42, NUMBER = 0x43, PREVRANDAO = 0x44,
            GASLIMIT = 0x45, CHAINID = 0x46, SELFBALANCE = 0x47, BASEFEE = 0x48, BLOBHASH = 0x49, BLOBBASEFEE = 0x4a;
    public static final int POP = 0x50, MLOAD = 0x51, MSTORE = 0x52, MSTORE8 = 0x53, SLOAD = 0x54, SSTORE = 0x55,
            JUMP = 0x56, JUMPI = 0x57, PC = 0x58, MSIZE = 0x59, GAS = 0x5a, JUMPDEST = 0x5b, TLOAD = 0x5c,
            TSTORE = 0x5d, MCOPY = 0x5e, PUSH0 = 0x5f, PUSH1 = 0x60, PUSH32 = 0x7f, DUP1 = 0x80, DUP16 = 0x8f,
            SWAP1 = 0x90, SWAP16 = 0x9f, LOG0 = 0xa0, LOG4 = 0xa4;
    public static final int CREATE = 0xf0, CALL = 0xf1, CALLCODE = 0xf2, RETURN = 0xf3, DELEGATECALL = 0xf4,
            CREATE2 = 0xf5, STATICCALL = 0xfa, REVERT = 0xfd, INVALID = 0xfe, SELFDESTRUCT = 0xff;

    private static final OpcodeInfo[] TABLE = new OpcodeInfo[256];
    /** Shanghai's static gas per opcode; {@link #NOT_IN_SHANGHAI} for undefined bytes and later opcodes. */
    private static final long[] SHANGHAI_GAS = new long[256];
    static final long NOT_IN_SHANGHAI = -1;

    static {
        Arrays.fill(SHANGHAI_GAS, NOT_IN_SHANGHAI);
        op(STOP, "STOP", 0, 0, 0);
        op(ADD, "ADD", 2, 1, 3);
        op(MUL, "MUL", 2, 1, 5);
        op(SUB, "SUB", 2, 1, 3);
        op(DIV, "DIV", 2, 1, 5);
        op(SDIV, "SDIV", 2, 1, 5);
        op(MOD, "MOD", 2, 1, 5);
        op(SMOD, "SMOD", 2, 1, 5);
        op(ADDMOD, "ADDMOD", 3, 1, 8);
        op(MULMOD, "MULMOD", 3, 1, 8);
        op(EXP, "EXP", 2, 1, 10);
        op(SIGNEXTEND, "SIGNEXTEND", 2, 1, 5);
        op(LT, "LT", 2, 1, 3);
        op(GT, "GT", 2, 1, 3);
        op(SLT, "SLT", 2, 1, 3);
        op(SGT, "SGT", 2, 1, 3);
        op(EQ, "EQ", 2, 1, 3);
        op(ISZERO, "ISZERO", 1, 1, 3);
        op(AND, "AND", 2, 1, 3);
        op(OR, "OR", 2, 1, 3);
        op(XOR, "XOR", 2, 1, 3);
        op(NOT, "NOT", 1, 1, 3);
        op(BYTE, "BYTE", 2, 1, 3);
        op(SHL, "SHL", 2, 1, 3);
        op(SHR, "SHR", 2, 1, 3);
        op(SAR, "SAR", 2, 1, 3);
        traits(CLZ, "CLZ", 1, 1); // EIP-7939
        op(KECCAK256, "KECCAK256", 2, 1, 30);
        op(ADDRESS, "ADDRESS", 0, 1, 2);
        op(BALANCE, "BALANCE", 1, 1, 0); // EIP-2929: warm or cold access charged dynamically
        op(ORIGIN, "ORIGIN", 0, 1, 2);
        op(CALLER, "CALLER", 0, 1, 2);
        op(CALLVALUE, "CALLVALUE", 0, 1, 2);
        op(CALLDATALOAD, "CALLDATALOAD", 1, 1, 3);
        op(CALLDATASIZE, "CALLDATASIZE", 0, 1, 2);
        op(CALLDATACOPY, "CALLDATACOPY", 3, 0, 3);
        op(CODESIZE, "CODESIZE", 0, 1, 2);
        op(CODECOPY, "CODECOPY", 3, 0, 3);
        op(GASPRICE, "GASPRICE", 0, 1, 2);
        op(EXTCODESIZE, "EXTCODESIZE", 1, 1, 0);
        op(EXTCODECOPY, "EXTCODECOPY", 4, 0, 0);
        op(RETURNDATASIZE, "RETURNDATASIZE", 0, 1, 2);
        op(RETURNDATACOPY, "RETURNDATACOPY", 3, 0, 3);
        op(EXTCODEHASH, "EXTCODEHASH", 1, 1, 0);
        op(BLOCKHASH, "BLOCKHASH", 1, 1, 20);
        op(COINBASE, "COINBASE", 0, 1, 2);
        op(TIMESTAMP, "TIMESTAMP", 0, 1, 2);
        op(NUMBER, "NUMBER", 0, 1, 2);
        op(PREVRANDAO, "PREVRANDAO", 0, 1, 2);
        op(GASLIMIT, "GASLIMIT", 0, 1, 2);
        op(CHAINID, "CHAINID", 0, 1, 2);
        op(SELFBALANCE, "SELFBALANCE", 0, 1, 5);
        op(BASEFEE, "BASEFEE", 0, 1, 2);
        traits(BLOBHASH, "BLOBHASH", 1, 1); // EIP-4844
        traits(BLOBBASEFEE, "BLOBBASEFEE", 0, 1); // EIP-7516
        op(POP, "POP", 1, 0, 2);
        op(MLOAD, "MLOAD", 1, 1, 3);
        op(MSTORE, "MSTORE", 2, 0, 3);
        op(MSTORE8, "MSTORE8", 2, 0, 3);
        op(SLOAD, "SLOAD", 1, 1, 0);
        op(SSTORE, "SSTORE", 2, 0, 0);
        op(JUMP, "JUMP", 1, 0, 8);
        op(JUMPI, "JUMPI", 2, 0, 10);
        op(PC, "PC", 0, 1, 2);
        op(MSIZE, "MSIZE", 0, 1, 2);
        op(GAS, "GAS", 0, 1, 2);
        op(JUMPDEST, "JUMPDEST", 0, 0, 1);
        traits(TLOAD, "TLOAD", 1, 1); // EIP-1153
        traits(TSTORE, "TSTORE", 2, 0);
        traits(MCOPY, "MCOPY", 3, 0); // EIP-5656
        op(PUSH0, "PUSH0", 0, 1, 2);
        for (int n = 1; n <= 32; n++) {
            TABLE[PUSH1 + n - 1] = new OpcodeInfo(PUSH1 + n - 1, "PUSH" + n, 0, 1, n);
            SHANGHAI_GAS[PUSH1 + n - 1] = 3;
        }
        for (int n = 1; n <= 16; n++) {
            op(DUP1 + n - 1, "DUP" + n, n, n + 1, 3);
            op(SWAP1 + n - 1, "SWAP" + n, n + 1, n + 1, 3);
        }
        for (int n = 0; n <= 4; n++) {
            op(LOG0 + n, "LOG" + n, 2 + n, 0, 375); // G_log; each topic is the fork's LOG_TOPIC on top
        }
        op(CREATE, "CREATE", 3, 1, 32000);
        op(CALL, "CALL", 7, 1, 0);
        op(CALLCODE, "CALLCODE", 7, 1, 0);
        op(RETURN, "RETURN", 2, 0, 0);
        op(DELEGATECALL, "DELEGATECALL", 6, 1, 0);
        op(CREATE2, "CREATE2", 4, 1, 32000);
        op(STATICCALL, "STATICCALL", 6, 1, 0);
        op(REVERT, "REVERT", 2, 0, 0);
        op(INVALID, "INVALID", 0, 0, 0);
        op(SELFDESTRUCT, "SELFDESTRUCT", 1, 0, 5000);
    }

    private Opcodes() {
    }

    private static void op(int code, String name, int in, int out, long shanghaiGas) {
        traits(code, name, in, out);
        SHANGHAI_GAS[code] = shanghaiGas;
    }

    private static void traits(int code, String name, int in, int out) {
        TABLE[code] = new OpcodeInfo(code, name, in, out, 0);
    }

    /** The traits of an opcode, or null for an undefined byte. */
    public static OpcodeInfo info(int code) {
        return TABLE[code & 0xff];
    }

    /** Shanghai's static gas of the opcode, or {@link #NOT_IN_SHANGHAI}. */
    static long shanghaiGas(int code) {
        return SHANGHAI_GAS[code & 0xff];
    }

    /** The mnemonic, or {@code opcode 0xNN} for an undefined byte. */
    public static String name(int code) {
        OpcodeInfo info = TABLE[code & 0xff];
        return info != null ? info.name() : String.format("opcode 0x%02x", code & 0xff);
    }
}
