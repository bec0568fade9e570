package io.evmsim.evm.interpreter;

import static io.evmsim.evm.fork.GasCost.CALL_STIPEND;
import static io.evmsim.evm.fork.GasCost.CALL_VALUE;
import static io.evmsim.evm.fork.GasCost.COLD_ACCOUNT_ACCESS;
import static io.evmsim.evm.fork.GasCost.INITCODE_WORD;
import static io.evmsim.evm.fork.GasCost.KECCAK_WORD;
import static io.evmsim.evm.fork.GasCost.NEW_ACCOUNT;
import static io.evmsim.evm.opcode.Opcodes.CALL;
import static io.evmsim.evm.opcode.Opcodes.CALLCODE;
import static io.evmsim.evm.opcode.Opcodes.CREATE2;
import static io.evmsim.evm.opcode.Opcodes.DELEGATECALL;
import static io.evmsim.evm.opcode.Opcodes.STATICCALL;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.Code;

/** The CALL family, CREATE and CREATE2, and SELFDESTRUCT: the instructions that start frames or end accounts. */
final class CallOps {
    private static final byte[] NO_DATA = new byte[0];

    private CallOps() {
    }

    static void call(Frame f, int op) {
        long requestedGas = f.popClamped();
        Address target = f.popAddress();
        UInt256 value = op == CALL || op == CALLCODE ? f.pop() : UInt256.ZERO;
        long inOffset = f.popClamped();
        long inLength = f.popClamped();
        long outOffset = f.popClamped();
        long outLength = f.popClamped();
        boolean sendsValue = !value.isZero();
        if (op == CALL && sendsValue && f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        if (!f.chargeMemory(inOffset, inLength) || !f.chargeMemory(outOffset, outLength)) {
            return;
        }
        Evm evm = f.evm;
        long cost = evm.accountAccessCost(target);
        if (sendsValue) {
            cost += evm.gas.cost(CALL_VALUE);
            if (op == CALL && evm.state.account(target).isEmpty()) {
                cost += evm.gas.cost(NEW_ACCOUNT);
            }
        }
        Account targetAccount = evm.state.account(target);
        Code code = targetAccount.code();
        Address codeAddress = target;
        boolean runsPrecompile = true;
        Address delegate = evm.rules.setCodeTransactions() ? code.delegationTarget() : null;
        if (delegate != null) {
            // EIP-7702: the delegate's code runs, and reading it costs an account access
            cost += evm.accountAccessCost(delegate);
            code = evm.state.account(delegate).code();
            codeAddress = delegate;
            runsPrecompile = false;
        }
        if (!f.charge(cost)) {
            return;
        }
        // EIP-150: a callee gets at most all but one 64th of what is left
        long available = f.gas - f.gas / 64;
        long callGas = Math.min(requestedGas, available);
        f.gas -= callGas;
        if (sendsValue) {
            callGas += evm.gas.cost(CALL_STIPEND); // free to the callee, so that it can at least log
        }
        byte[] input = f.memory.copyOf(inOffset, inLength);
        Message message = switch (op) {
            case CALL -> new Message(CallKind.CALL, f.message.recipient(), target, codeAddress, value, true, input,
                    code, callGas, f.depth() + 1, f.message.isStatic(), runsPrecompile);
            case CALLCODE -> new Message(CallKind.CALLCODE, f.message.recipient(), f.message.recipient(), codeAddress,
                    value, true, input, code, callGas, f.depth() + 1, f.message.isStatic(), runsPrecompile);
            case DELEGATECALL -> new Message(CallKind.DELEGATECALL, f.message.caller(), f.message.recipient(),
                    codeAddress, f.message.value(), false, input, code, callGas, f.depth() + 1, f.message.isStatic(),
                    runsPrecompile);
            case STATICCALL -> new Message(CallKind.STATICCALL, f.message.recipient(), target, codeAddress,
                    UInt256.ZERO, false, input, code, callGas, f.depth() + 1, true, runsPrecompile);
            default -> throw new IllegalStateException("not a call: " + op);
        };
        boolean transfersValue = op == CALL || op == CALLCODE;
        CallRejection rejection = f.depth() >= Evm.MAX_CALL_DEPTH ? CallRejection.CALL_DEPTH
                : transfersValue && f.account.balance().compareTo(value) < 0 ? CallRejection.INSUFFICIENT_BALANCE
                : null;
        if (rejection != null) {
            reject(f, message, rejection);
            return;
        }
        FrameResult result = evm.call(message);
        f.gas += result.gasLeft();
        f.returnData = result.output();
        int copied = (int) Math.min(outLength, result.output().length);
        if (copied > 0) {
            System.arraycopy(result.output(), 0, f.memory.data(), (int) outOffset, copied);
        }
        f.pushLong(result.isSuccess() ? 1 : 0);
    }

    static void create(Frame f, int op) {
        if (f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        UInt256 value = f.pop();
        long offset = f.popClamped();
        long length = f.popClamped();
        UInt256 salt = op == CREATE2 ? f.pop() : null;
        Evm evm = f.evm;
        if (length > evm.rules.maxInitcodeSize()) {
            f.halt(HaltReason.INITCODE_SIZE_LIMIT);
            return;
        }
        // EIP-3860 per initcode word; CREATE2 also hashes the initcode
        long wordGas = evm.gas.cost(INITCODE_WORD) + (op == CREATE2 ? evm.gas.cost(KECCAK_WORD) : 0);
        if (!f.chargeMemory(offset, length) || !f.charge(wordGas * MemoryOps.words(length))) {
            return;
        }
        byte[] initcode = f.memory.copyOf(offset, length);
        long callGas = f.gas - f.gas / 64;
        f.gas -= callGas;
        f.returnData = NO_DATA;
        Message message = new Message(op == CREATE2 ? CallKind.CREATE2 : CallKind.CREATE, f.message.recipient(),
                null, null, value, true, NO_DATA, Code.initCode(initcode), callGas, f.depth() + 1, false, false);
        CallRejection rejection = f.depth() >= Evm.MAX_CALL_DEPTH ? CallRejection.CALL_DEPTH
                : f.account.balance().compareTo(value) < 0 ? CallRejection.INSUFFICIENT_BALANCE
                : null;
        if (rejection != null) {
            reject(f, message, rejection);
            return;
        }
        FrameResult result = evm.create(message, salt);
        f.gas += result.gasLeft();
        if (result.reverted()) {
            f.returnData = result.output();
        }
        if (result.isSuccess()) {
            f.pushAddress(result.createdAddress());
        } else {
            f.pushLong(0);
        }
    }

    /** A call or creation that fails before its frame: the offered gas comes back, the result is 0. */
    private static void reject(Frame f, Message message, CallRejection rejection) {
        if (f.evm.tracer != null) {
            f.evm.tracer.onCallRejected(message, rejection);
        }
        f.gas += message.gas();
        f.returnData = NO_DATA;
        f.pushLong(0);
    }

    /** EIP-6780: the balance moves to the beneficiary; the account goes only if created in this transaction. */
    static void selfDestruct(Frame f) {
        if (f.message.isStatic()) {
            f.halt(HaltReason.STATE_CHANGE_IN_STATIC_CALL);
            return;
        }
        Address beneficiaryAddress = f.popAddress();
        Evm evm = f.evm;
        long cost = evm.state.warmAccount(beneficiaryAddress) ? evm.gas.cost(COLD_ACCOUNT_ACCESS) : 0;
        Account self = f.account;
        Account beneficiary = evm.state.account(beneficiaryAddress);
        UInt256 balance = self.balance();
        if (beneficiary.isEmpty() && !balance.isZero()) {
            cost += evm.gas.cost(NEW_ACCOUNT);
        }
        if (!f.charge(cost)) {
            return;
        }
        if (evm.tracer != null) {
            evm.tracer.onSelfDestruct(self.address(), beneficiaryAddress, balance);
        }
        evm.state.transfer(self, beneficiary, balance);
        if (self.isCreatedInTransaction()) {
            evm.state.setBalance(self, UInt256.ZERO);
            evm.state.markSelfDestructed(self);
        }
        f.running = false;
    }
}
