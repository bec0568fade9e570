package io.evmsim.evm.transaction;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.fork.GasCost;
import io.evmsim.evm.interpreter.CallKind;
import io.evmsim.evm.interpreter.Evm;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.interpreter.TransactionContext;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.trace.ExecutionTracer;
import java.util.List;
import java.util.Map;

/**
 * Runs one transaction through the pipeline: validate, pre-execute (nonce, up-front fee, warm
 * sets, EIP-7702 authorizations), execute, post-execute (refund, floor, fees to the sender and
 * the coinbase) and finalize (EIP-161 and EIP-6780 removals).
 */
public final class TransactionProcessor {
    private static final UInt256 MAX_AUTHORIZATION_NONCE = UInt256.of(-1L, 0, 0, 0);

    private final ForkRules rules;
    private final Map<Address, Precompile> precompiles;

    public TransactionProcessor(ForkRules rules) {
        this(rules, rules.precompiles());
    }

    /** With a precompile set of the caller's choosing: eth_simulateV1's {@code movePrecompileToAddress}. */
    public TransactionProcessor(ForkRules rules, Map<Address, Precompile> precompiles) {
        this.rules = rules;
        this.precompiles = precompiles;
    }

    public ForkRules rules() {
        return rules;
    }

    public TransactionResult execute(JournaledState state, BlockContext block, EvmTransaction tx,
            ExecutionTracer tracer) {
        return execute(state, block, tx, tracer, Validation.ENFORCED);
    }

    public TransactionResult execute(JournaledState state, BlockContext block, EvmTransaction tx,
            ExecutionTracer tracer, Validation validation) {
        Account sender = state.account(tx.sender());
        InvalidReason invalid = TransactionValidator.checkNonce(tx, sender, validation);
        if (invalid == null) {
            invalid = TransactionValidator.checkStatic(tx, block, rules, validation);
        }
        if (invalid == null) {
            invalid = TransactionValidator.checkSender(tx, sender, validation);
        }
        if (invalid != null) {
            return TransactionResult.invalid(invalid);
        }
        if (tracer != null) {
            tracer.onTransactionStart(tx, block);
        }
        UInt256 gasPrice = gasPrice(tx, block, validation);
        long intrinsic = IntrinsicGas.of(tx, rules);
        long floor = IntrinsicGas.floor(tx, rules);

        // pre-execute: pay for all gas up front, warm what EIP-2929, EIP-2930 and EIP-3651 warm
        UInt256 blobFee = tx.type() == 3 && !blobFeeFree(tx, validation)
                ? block.blobBaseFee().multiplyExact(tx.blobGas()) : UInt256.ZERO;
        state.subtractBalance(sender, gasPrice.multiplyExact(tx.gasLimit()).add(blobFee));
        if (!tx.isCreate()) {
            state.setNonce(sender, sender.nonce() + 1);
        }
        warmUp(state, block, tx);
        if (tx.type() == 4) {
            applyAuthorizations(state, block, tx);
        }

        Evm evm = new Evm(state, block, new TransactionContext(tx.sender(), gasPrice, tx.blobVersionedHashes()),
                rules, precompiles, tracer);
        long executionGas = tx.gasLimit() - intrinsic;
        FrameResult result = tx.isCreate() ? evm.create(creation(tx, executionGas), null)
                : evm.call(call(state, tx, executionGas));

        // post-execute: refund (capped), the calldata floor, fees
        long usedBeforeRefund = tx.gasLimit() - result.gasLeft();
        long refundCounter = state.refund();
        long refundCap = usedBeforeRefund / rules.gas().cost(GasCost.REFUND_QUOTIENT); // EIP-3529
        long refund = Math.min(Math.max(refundCounter, 0), refundCap);
        long gasUsed = usedBeforeRefund - refund;
        boolean floorApplied = gasUsed < floor;
        if (floorApplied) {
            gasUsed = floor;
        }
        state.addBalance(sender, gasPrice.multiplyExact(tx.gasLimit() - gasUsed));
        UInt256 tipPerGas = tipPerGas(gasPrice, block);
        state.addBalance(state.account(block.coinbase()), tipPerGas.multiplyExact(gasUsed));

        List<Log> logs = result.isSuccess() ? state.takeLogs() : List.of();
        state.takeLogs();
        state.finishTransaction();
        GasBreakdown gas = new GasBreakdown(intrinsic, floor, usedBeforeRefund - intrinsic, refund, floorApplied,
                refundCounter, refundCap);
        TransactionResult outcome = new TransactionResult(null, result.halt(), result.reverted(), gasUsed, gas,
                result.output(), logs, result.createdAddress());
        if (tracer != null) {
            tracer.onTransactionEnd(tx, outcome);
        }
        return outcome;
    }

    /**
     * What one unit of gas costs the sender. With validation skipped, zero fee fields mean no fee
     * at all whatever the base fee (eth_call semantics, geth's {@code NoBaseFee}).
     */
    public static UInt256 gasPrice(EvmTransaction tx, BlockContext block, Validation validation) {
        boolean feeFree = validation == Validation.SKIPPED && tx.feeCap().isZero();
        return feeFree ? UInt256.ZERO : tx.effectiveGasPrice(block.baseFee());
    }

    /**
     * With validation skipped, a blob fee cap of zero means no blob fee at all, whatever the blob base
     * fee (geth's eth_call and eth_simulateV1 then price blob gas at zero, as {@code NoBaseFee} does gas).
     */
    static boolean blobFeeFree(EvmTransaction tx, Validation validation) {
        return validation == Validation.SKIPPED && tx.maxFeePerBlobGas().isZero();
    }

    /** The priority fee per gas the coinbase receives: the part of the price above the base fee. */
    public static UInt256 tipPerGas(UInt256 gasPrice, BlockContext block) {
        return gasPrice.compareTo(block.baseFee()) > 0 ? gasPrice.sub(block.baseFee()) : UInt256.ZERO;
    }

    private void warmUp(JournaledState state, BlockContext block, EvmTransaction tx) {
        state.warmAccount(tx.sender());
        if (!tx.isCreate()) {
            state.warmAccount(tx.to());
        }
        state.warmAccount(block.coinbase()); // EIP-3651
        // EIP-2929 warms the fork's precompile addresses, wherever a movePrecompileToAddress put the
        // contracts (as geth's StateDB.Prepare with vm.ActivePrecompiles(rules)): a moved
        // precompile's new address starts cold, its old one stays warm
        for (Address precompile : rules.precompiles().keySet()) {
            state.warmAccount(precompile);
        }
        for (AccessListEntry entry : tx.accessList()) {
            state.warmAccount(entry.address());
            Account account = state.account(entry.address());
            for (UInt256 key : entry.storageKeys()) {
                state.warmSlot(state.slot(account, key));
            }
        }
    }

    /** EIP-7702: each valid authorization sets its authority's code to a delegation designator. */
    private void applyAuthorizations(JournaledState state, BlockContext block, EvmTransaction tx) {
        UInt256 chainId = UInt256.valueOf(block.chainId());
        for (Authorization auth : tx.authorizationList()) {
            if (!auth.chainId().isZero() && !auth.chainId().equals(chainId)) {
                continue;
            }
            if (auth.nonce().compareTo(MAX_AUTHORIZATION_NONCE) >= 0 || auth.authority() == null) {
                continue;
            }
            state.warmAccount(auth.authority());
            Account authority = state.account(auth.authority());
            if (authority.code().size() != 0 && authority.code().delegationTarget() == null) {
                continue;
            }
            if (authority.nonce() != auth.nonce().toLong()) {
                continue;
            }
            if (authority.exists()) {
                // EIP-7702: an existing authority costs only PER_AUTH_BASE_COST of what the intrinsic gas charged
                state.addRefund(rules.gas().cost(GasCost.AUTH_PER_EMPTY_ACCOUNT) - rules.gas().cost(GasCost.AUTH_BASE));
            }
            boolean clears = auth.address().equals(Address.ZERO);
            state.setCode(authority, clears ? Code.EMPTY : Code.of(Code.delegationDesignator(auth.address())));
            state.setNonce(authority, authority.nonce() + 1);
        }
    }

    private static Message creation(EvmTransaction tx, long gas) {
        return new Message(CallKind.CREATE, tx.sender(), null, null, tx.value(), true, new byte[0],
                Code.initCode(tx.data()), gas, 0, false, false);
    }

    private Message call(JournaledState state, EvmTransaction tx, long gas) {
        Code code = state.account(tx.to()).code();
        Address codeAddress = tx.to();
        Address delegate = rules.setCodeTransactions() ? code.delegationTarget() : null;
        if (delegate != null) {
            state.warmAccount(delegate);
            code = state.account(delegate).code();
            codeAddress = delegate;
        }
        return new Message(CallKind.CALL, tx.sender(), tx.to(), codeAddress, tx.value(), true, tx.data(), code, gas,
                0, false, delegate == null);
    }
}
