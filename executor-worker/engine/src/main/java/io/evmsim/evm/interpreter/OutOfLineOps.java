package io.evmsim.evm.interpreter;

import static io.evmsim.evm.opcode.Opcodes.*;

/**
 * The instructions the dispatch loop does not run inline: environment and state access, copies,
 * logs, calls and the memory instructions' slow paths. They work on the frame's fields, which the
 * loop has brought up to date ({@code pc} already past the opcode) and reloads afterwards.
 */
final class OutOfLineOps {
    private OutOfLineOps() {
    }

    static void run(Frame f, int op) {
        switch (op) {
            case EXP -> ArithmeticOps.exp(f, f.stack, f.top(), f.at(1));
            case KECCAK256 -> MemoryOps.keccak256(f);
            case ADDRESS -> f.pushAddress(f.message.recipient());
            case BALANCE -> EnvironmentOps.balance(f);
            case ORIGIN -> f.pushAddress(f.evm.transaction.origin());
            case CALLER -> f.pushAddress(f.message.caller());
            case CALLVALUE -> f.push(f.message.value());
            case CALLDATALOAD -> EnvironmentOps.callDataLoad(f);
            case CALLDATASIZE -> f.pushLong(f.message.input().length);
            case CALLDATACOPY -> MemoryOps.copyFrom(f, f.message.input());
            case CODESIZE -> f.pushLong(f.bytecode.length);
            case CODECOPY -> MemoryOps.copyFrom(f, f.bytecode);
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
            case MSTORE8 -> MemoryOps.mstore8(f);
            case SLOAD -> StorageOps.sload(f);
            case SSTORE -> StorageOps.sstore(f);
            case TLOAD -> StorageOps.tload(f);
            case TSTORE -> StorageOps.tstore(f);
            case MCOPY -> MemoryOps.mcopy(f);
            case LOG0, LOG0 + 1, LOG0 + 2, LOG0 + 3, LOG4 -> LogOps.log(f, op - LOG0);
            case CREATE, CREATE2 -> CallOps.create(f, op);
            case CALL, CALLCODE, DELEGATECALL, STATICCALL -> CallOps.call(f, op);
            case RETURN -> ControlOps.ret(f, false);
            case REVERT -> ControlOps.ret(f, true);
            case SELFDESTRUCT -> CallOps.selfDestruct(f);
            // INVALID (0xfe) and undefined bytes are stopped by the instruction table before dispatch;
            // a byte that reached here anyway still ends in a defined halt, never an exception
            default -> f.halt(HaltReason.INVALID_OPCODE);
        }
    }
}
