package io.evmsim.evm.interpreter;

import static io.evmsim.evm.opcode.Opcodes.*;

import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.word.WordBits;
import io.evmsim.evm.word.WordDivision;
import io.evmsim.evm.word.WordMath;

/**
 * The dispatch loop: checks an instruction's existence, stack bounds and static gas from the
 * fork's {@link InstructionTable}, then runs it. Arithmetic works in place on the flat stack;
 * the other families live in small classes beside this one.
 */
final class Interpreter {
    private Interpreter() {
    }

    static void run(Frame f, InstructionTable table) {
        final byte[] code = f.bytecode;
        final long[] s = f.stack;
        final boolean[] defined = table.defined;
        final int[] minStack = table.minStack;
        final int[] maxStack = table.maxStack;
        final long[] staticGas = table.staticGas;
        final ExecutionTracer tracer = f.evm.tracer;
        while (f.running) {
            int pc = f.pc;
            if (pc >= code.length) {
                f.running = false;
                break;
            }
            int op = code[pc] & 0xff;
            if (tracer != null) {
                tracer.onStep(f, op);
            }
            if (!defined[op]) {
                f.halt(HaltReason.INVALID_OPCODE);
                break;
            }
            int sp = f.sp;
            if (sp < minStack[op]) {
                f.halt(HaltReason.STACK_UNDERFLOW);
                break;
            }
            if (sp > maxStack[op]) {
                f.halt(HaltReason.STACK_OVERFLOW);
                break;
            }
            long cost = staticGas[op];
            if (cost > f.gas) {
                f.halt(HaltReason.OUT_OF_GAS);
                break;
            }
            f.gas -= cost;
            f.pc = pc + 1;
            int a = (sp - 1) << 2;
            int b = a - 4;
            switch (op) {
                case STOP -> f.running = false;
                case ADD -> { WordMath.add(s, a, b); f.sp = sp - 1; }
                case MUL -> { WordMath.mul(s, a, b); f.sp = sp - 1; }
                case SUB -> { WordMath.sub(s, a, b); f.sp = sp - 1; }
                case DIV -> { WordDivision.div(s, a, b); f.sp = sp - 1; }
                case SDIV -> { WordDivision.sdiv(s, a, b); f.sp = sp - 1; }
                case MOD -> { WordDivision.mod(s, a, b); f.sp = sp - 1; }
                case SMOD -> { WordDivision.smod(s, a, b); f.sp = sp - 1; }
                case ADDMOD -> { WordDivision.addmod(s, a, b, b - 4); f.sp = sp - 2; }
                case MULMOD -> { WordDivision.mulmod(s, a, b, b - 4); f.sp = sp - 2; }
                case EXP -> ArithmeticOps.exp(f, s, a, b);
                case SIGNEXTEND -> { WordBits.signExtend(s, a, b); f.sp = sp - 1; }
                case LT -> { WordBits.lt(s, a, b); f.sp = sp - 1; }
                case GT -> { WordBits.gt(s, a, b); f.sp = sp - 1; }
                case SLT -> { WordBits.slt(s, a, b); f.sp = sp - 1; }
                case SGT -> { WordBits.sgt(s, a, b); f.sp = sp - 1; }
                case EQ -> { WordBits.eq(s, a, b); f.sp = sp - 1; }
                case ISZERO -> WordBits.isZero(s, a);
                case AND -> { WordBits.and(s, a, b); f.sp = sp - 1; }
                case OR -> { WordBits.or(s, a, b); f.sp = sp - 1; }
                case XOR -> { WordBits.xor(s, a, b); f.sp = sp - 1; }
                case NOT -> WordBits.not(s, a);
                case BYTE -> { WordBits.byteAt(s, a, b); f.sp = sp - 1; }
                case SHL -> { WordBits.shl(s, a, b); f.sp = sp - 1; }
                case SHR -> { WordBits.shr(s, a, b); f.sp = sp - 1; }
                case SAR -> { WordBits.sar(s, a, b); f.sp = sp - 1; }
                case CLZ -> WordBits.clz(s, a);
                case KECCAK256 -> MemoryOps.keccak256(f);
                case ADDRESS -> f.pushAddress(f.message.recipient());
                case BALANCE -> EnvironmentOps.balance(f);
                case ORIGIN -> f.pushAddress(f.evm.transaction.origin());
                case CALLER -> f.pushAddress(f.message.caller());
                case CALLVALUE -> f.push(f.message.value());
                case CALLDATALOAD -> EnvironmentOps.callDataLoad(f);
                case CALLDATASIZE -> f.pushLong(f.message.input().length);
                case CALLDATACOPY -> MemoryOps.copyFrom(f, f.message.input());
                case CODESIZE -> f.pushLong(code.length);
                case CODECOPY -> MemoryOps.copyFrom(f, code);
                case GASPRICE -> f.push(f.evm.transaction.gasPrice());
                case EXTCODESIZE -> EnvironmentOps.extCodeSize(f);
                case EXTCODECOPY -> MemoryOps.extCodeCopy(f);
                case RETURNDATASIZE -> f.pushLong(f.returnData.length);
                case RETURNDATACOPY -> MemoryOps.returnDataCopy(f);
                case EXTCODEHASH -> EnvironmentOps.extCodeHash(f);
                case BLOCKHASH -> EnvironmentOps.blockHash(f);
                case COINBASE -> f.pushAddress(f.evm.block.coinbase());
                case TIMESTAMP -> f.pushLong(f.evm.block.timestamp());
                case NUMBER -> f.pushLong(f.evm.block.number());
                case PREVRANDAO -> f.push(f.evm.block.prevRandao());
                case GASLIMIT -> f.pushLong(f.evm.block.gasLimit());
                case CHAINID -> f.pushLong(f.evm.block.chainId());
                case SELFBALANCE -> f.push(f.account.balance());
                case BASEFEE -> f.push(f.evm.block.baseFee());
                case BLOBHASH -> EnvironmentOps.blobHash(f);
                case BLOBBASEFEE -> f.push(f.evm.block.blobBaseFee());
                case POP -> f.sp = sp - 1;
                case MLOAD -> MemoryOps.mload(f);
                case MSTORE -> MemoryOps.mstore(f);
                case MSTORE8 -> MemoryOps.mstore8(f);
                case SLOAD -> StorageOps.sload(f);
                case SSTORE -> StorageOps.sstore(f);
                case JUMP -> ControlOps.jump(f);
                case JUMPI -> ControlOps.jumpi(f);
                case PC -> f.pushLong(pc);
                case MSIZE -> f.pushLong(f.memory.size());
                case GAS -> f.pushLong(f.gas);
                case JUMPDEST -> { }
                case TLOAD -> StorageOps.tload(f);
                case TSTORE -> StorageOps.tstore(f);
                case MCOPY -> MemoryOps.mcopy(f);
                case PUSH0 -> f.pushLong(0);
                case PUSH1 -> ControlOps.push(f, pc, 1);
                case DUP1 -> { System.arraycopy(s, a, s, a + 4, 4); f.sp = sp + 1; }
                case SWAP1 -> ControlOps.swap(s, a, a - 4);
                case LOG0, LOG0 + 1, LOG0 + 2, LOG0 + 3, LOG4 -> LogOps.log(f, op - LOG0);
                case CREATE, CREATE2 -> CallOps.create(f, op);
                case CALL, CALLCODE, DELEGATECALL, STATICCALL -> CallOps.call(f, op);
                case RETURN -> ControlOps.ret(f, false);
                case REVERT -> ControlOps.ret(f, true);
                case INVALID -> f.halt(HaltReason.INVALID_OPCODE);
                case SELFDESTRUCT -> CallOps.selfDestruct(f);
                default -> {
                    if (op >= PUSH1 && op <= PUSH32) {
                        ControlOps.push(f, pc, op - PUSH1 + 1);
                    } else if (op >= DUP1 && op <= DUP16) {
                        System.arraycopy(s, (sp - 1 - (op - DUP1)) << 2, s, sp << 2, 4);
                        f.sp = sp + 1;
                    } else {
                        ControlOps.swap(s, a, a - ((op - SWAP1 + 1) << 2));
                    }
                }
            }
        }
    }
}
