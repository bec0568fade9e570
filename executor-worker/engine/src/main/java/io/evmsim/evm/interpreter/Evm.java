package io.evmsim.evm.interpreter;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.fork.GasCost;
import io.evmsim.evm.fork.GasSchedule;
import io.evmsim.evm.opcode.InstructionSet;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.word.WordDivision;
import java.util.Map;

/**
 * Runs messages: a call or creation frame over the journaled state, with value transfer,
 * precompiles, code deposit and the snapshot that a failing frame reverts to. One instance serves
 * one transaction; stacks and memories are reused across frames of the same depth and, through
 * {@link FrameBuffers}, across transactions on the same thread.
 */
public final class Evm {
    /** The deepest frame allowed: a call from depth 1024 fails. */
    public static final int MAX_CALL_DEPTH = 1024;

    final JournaledState state;
    final BlockContext block;
    final TransactionContext transaction;
    final ForkRules rules;
    /** The fork's gas constants, read by the instructions with a dynamic cost. */
    final GasSchedule gas;
    final ExecutionTracer tracer;
    /** The fork's dispatch entries, with the tracer's steps marked when one is attached. */
    final long[] dispatchEntries;
    /** Scratch limbs for DIV, MOD, ADDMOD, MULMOD and their signed forms: one execution at a time. */
    final WordDivision division = new WordDivision();
    private final Map<Address, Precompile> precompiles;
    /** The frames' stacks and memories while the top frame runs, else null. */
    private FrameBuffers buffers;

    public Evm(JournaledState state, BlockContext block, TransactionContext transaction, ForkRules rules,
            Map<Address, Precompile> precompiles, ExecutionTracer tracer) {
        this.state = state;
        this.block = block;
        this.transaction = transaction;
        this.rules = rules;
        this.precompiles = precompiles;
        this.tracer = tracer;
        this.gas = rules.gas();
        InstructionSet instructions = rules.instructions();
        this.dispatchEntries = tracer == null ? instructions.dispatchEntries()
                : instructions.tracedEntries(tracer.steps());
    }

    /** EIP-2929: the cold cost for the first access to an account in the transaction, warm after; warms it. */
    long accountAccessCost(Address address) {
        return gas.cost(state.warmAccount(address) ? GasCost.COLD_ACCOUNT_ACCESS : GasCost.WARM_ACCOUNT_ACCESS);
    }

    /** Runs a CALL, CALLCODE, DELEGATECALL or STATICCALL message (depth and balance already checked). */
    public FrameResult call(Message message) {
        if (tracer != null) {
            tracer.onFrameStart(message);
        }
        FrameResult result = runCall(message);
        if (tracer != null) {
            tracer.onFrameEnd(message, result);
        }
        return result;
    }

    private FrameResult runCall(Message message) {
        int snapshot = state.snapshot();
        Account recipient = state.account(message.recipient());
        Precompile precompile = message.runsPrecompile() ? precompiles.get(message.codeAddress()) : null;
        if (message.kind() == CallKind.CALL) {
            if (!recipient.exists() && precompile == null && message.value().isZero()) {
                return FrameResult.success(message.gas(), new byte[0]); // EIP-158: nothing to do, nothing created
            }
            state.transfer(state.account(message.caller()), recipient, message.value());
        } else if (message.kind() == CallKind.STATICCALL) {
            state.addBalance(recipient, UInt256.ZERO); // a touch, as every client does
        }
        FrameResult result;
        if (precompile != null) {
            result = runPrecompile(precompile, message);
        } else if (message.code().size() == 0) {
            result = FrameResult.success(message.gas(), new byte[0]);
        } else {
            result = execute(message, recipient);
        }
        if (!result.isSuccess()) {
            state.revertTo(snapshot);
        }
        return result;
    }

    private static FrameResult runPrecompile(Precompile precompile, Message message) {
        long cost = precompile.gasCost(message.input());
        if (cost > message.gas()) {
            return FrameResult.halt(HaltReason.OUT_OF_GAS);
        }
        byte[] output = precompile.compute(message.input());
        if (output == null) {
            return FrameResult.halt(HaltReason.PRECOMPILE_FAILURE);
        }
        return FrameResult.success(message.gas() - cost, output);
    }

    /**
     * Runs a CREATE or CREATE2 message (or a creation transaction): bumps the creator's nonce,
     * derives the address, refuses collisions (EIP-684, EIP-7610), runs the initcode and deposits
     * the code it returns.
     */
    public FrameResult create(Message message, UInt256 salt) {
        Account creator = state.account(message.caller());
        long nonce = creator.nonce();
        if (nonce == -1L) {
            if (tracer != null) {
                tracer.onCallRejected(message, CallRejection.NONCE_OVERFLOW);
            }
            return FrameResult.notStarted(message.gas());
        }
        state.setNonce(creator, nonce + 1);
        Address address = salt == null
                ? ContractAddress.fromNonce(message.caller(), nonce)
                : ContractAddress.fromSalt(message.caller(), salt, Keccak.keccak256(message.code().bytes()));
        Message withAddress = new Message(message.kind(), message.caller(), address, address, message.value(), true,
                message.input(), message.code(), message.gas(), message.depth(), false, false);
        if (tracer != null) {
            tracer.onFrameStart(withAddress);
        }
        FrameResult result = runCreate(withAddress, address);
        if (tracer != null) {
            tracer.onFrameEnd(withAddress, result);
        }
        return result;
    }

    private FrameResult runCreate(Message message, Address address) {
        state.warmAccount(address);
        Account account = state.account(address);
        if (account.nonce() != 0 || account.code().size() != 0 || state.hasStorage(account)) {
            return FrameResult.halt(HaltReason.CREATE_COLLISION);
        }
        int snapshot = state.snapshot();
        state.createContract(account);
        state.transfer(state.account(message.caller()), account, message.value());
        FrameResult result = execute(message, account);
        if (result.isSuccess()) {
            result = depositCode(result, account);
        }
        if (!result.isSuccess()) {
            state.revertTo(snapshot);
        }
        return result;
    }

    private FrameResult depositCode(FrameResult result, Account account) {
        byte[] code = result.output();
        if (code.length > rules.maxCodeSize()) {
            return FrameResult.halt(HaltReason.CODE_SIZE_LIMIT);
        }
        if (code.length > 0 && (code[0] & 0xff) == 0xef) {
            return FrameResult.halt(HaltReason.INVALID_CODE_PREFIX); // EIP-3541
        }
        long depositCost = gas.cost(GasCost.CODE_DEPOSIT_BYTE) * code.length;
        if (depositCost > result.gasLeft()) {
            return FrameResult.halt(HaltReason.CODE_DEPOSIT_OUT_OF_GAS);
        }
        if (code.length > 0) {
            state.setCode(account, Code.of(code));
        }
        return FrameResult.created(result.gasLeft() - depositCost, account.address(), code);
    }

    private FrameResult execute(Message message, Account account) {
        if (buffers != null) {
            return run(message, account);
        }
        buffers = FrameBuffers.take(gas);
        FrameResult result = run(message, account);
        buffers.release();
        buffers = null;
        return result;
    }

    private FrameResult run(Message message, Account account) {
        int depth = message.depth();
        long[] stack = buffers.stack(depth);
        Frame frame = new Frame(message, this, account, stack, buffers.memory(depth));
        Interpreter.run(frame);
        if (frame.halt != null) {
            if (tracer != null) {
                tracer.onHalt(frame);
            }
            return FrameResult.halt(frame.halt);
        }
        if (frame.reverted) {
            return FrameResult.revert(frame.gas, frame.output);
        }
        return FrameResult.success(frame.gas, frame.output);
    }
}
