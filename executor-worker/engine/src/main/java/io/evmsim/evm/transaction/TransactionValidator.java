package io.evmsim.evm.transaction;

import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.Account;

/** The checks that make a transaction includable; the first one that fails names the reason. */
final class TransactionValidator {
    private static final int BLOB_COMMITMENT_VERSION_KZG = 0x01;
    private static final long NONCE_MAX = -1L;

    private TransactionValidator() {
    }

    /** Checks that need no state: types, gas limits, fee caps, blobs and authorizations. */
    static InvalidReason checkStatic(EvmTransaction tx, BlockContext block, ForkRules rules, Validation validation) {
        if (tx.type() == 4 && !rules.setCodeTransactions()) {
            return InvalidReason.TYPE_NOT_SUPPORTED;
        }
        long intrinsic = IntrinsicGas.of(tx, rules);
        if (tx.gasLimit() < intrinsic) {
            return InvalidReason.INTRINSIC_GAS_TOO_LOW;
        }
        if (tx.gasLimit() < IntrinsicGas.floor(tx, rules)) {
            return InvalidReason.FLOOR_GAS_TOO_LOW;
        }
        if (tx.isCreate() && tx.data().length > rules.maxInitcodeSize()) {
            return InvalidReason.INITCODE_TOO_LARGE;
        }
        // EIP-7825 binds transactions in blocks; a call or simulated block may exceed it (geth's
        // SkipTransactionChecks)
        if (validation == Validation.ENFORCED && tx.gasLimit() > rules.transactionGasCap()) {
            return InvalidReason.GAS_LIMIT_ABOVE_CAP;
        }
        if (tx.gasLimit() > block.gasLimit()) {
            return InvalidReason.GAS_LIMIT_ABOVE_BLOCK;
        }
        if (validation != Validation.SKIPPED) {
            if (tx.gasPrice() == null && tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
                return InvalidReason.TIP_ABOVE_FEE_CAP;
            }
            if (tx.feeCap().compareTo(block.baseFee()) < 0) {
                return InvalidReason.FEE_CAP_BELOW_BASE_FEE;
            }
        }
        if (tx.type() == 3) {
            InvalidReason blobProblem = checkBlobs(tx, block, rules, validation);
            if (blobProblem != null) {
                return blobProblem;
            }
        }
        if (tx.type() == 4) {
            if (tx.isCreate()) {
                return InvalidReason.CREATE_NOT_ALLOWED;
            }
            if (tx.authorizationList().isEmpty()) {
                return InvalidReason.EMPTY_AUTHORIZATION_LIST;
            }
        }
        return null;
    }

    private static InvalidReason checkBlobs(EvmTransaction tx, BlockContext block, ForkRules rules,
            Validation validation) {
        if (tx.isCreate()) {
            return InvalidReason.CREATE_NOT_ALLOWED;
        }
        int blobs = tx.blobVersionedHashes().size();
        if (blobs == 0) {
            return InvalidReason.NO_BLOBS;
        }
        if (blobs > Math.min(rules.maxBlobsPerTransaction(), rules.blobSchedule().max())) {
            return InvalidReason.TOO_MANY_BLOBS;
        }
        for (Hash hash : tx.blobVersionedHashes()) {
            if ((hash.toArray()[0] & 0xff) != BLOB_COMMITMENT_VERSION_KZG) {
                return InvalidReason.INVALID_BLOB_VERSION;
            }
        }
        if (!TransactionProcessor.blobFeeFree(tx, validation)
                && tx.maxFeePerBlobGas().compareTo(block.blobBaseFee()) < 0) {
            return InvalidReason.BLOB_FEE_CAP_BELOW_BLOB_BASE_FEE;
        }
        return null;
    }

    /** The sender's nonce against the transaction's: checked first, as geth's {@code preCheck} does. */
    static InvalidReason checkNonce(EvmTransaction tx, Account sender, Validation validation) {
        if (validation == Validation.SKIPPED) {
            return null;
        }
        if (sender.nonce() == NONCE_MAX) {
            return InvalidReason.NONCE_MAX;
        }
        if (Long.compareUnsigned(tx.nonce(), sender.nonce()) < 0) {
            return InvalidReason.NONCE_TOO_LOW;
        }
        return tx.nonce() != sender.nonce() ? InvalidReason.NONCE_TOO_HIGH : null;
    }

    /** Checks against the sender's account: code (EIP-3607) and funds for the worst case. */
    static InvalidReason checkSender(EvmTransaction tx, Account sender, Validation validation) {
        if (validation == Validation.ENFORCED && sender.code().size() != 0
                && sender.code().delegationTarget() == null) {
            return InvalidReason.SENDER_NOT_EOA;
        }
        UInt256 worstCase = maxCost(tx);
        if (worstCase == null || sender.balance().compareTo(worstCase) < 0) {
            return InvalidReason.INSUFFICIENT_FUNDS;
        }
        return null;
    }

    /** gas_limit * fee_cap + value + blob_gas * max_fee_per_blob_gas; null when it overflows 256 bits. */
    private static UInt256 maxCost(EvmTransaction tx) {
        UInt256 cost = tx.feeCap().multiplyExact(tx.gasLimit());
        if (cost == null || cost.addOverflows(tx.value())) {
            return null;
        }
        cost = cost.add(tx.value());
        if (tx.type() == 3) {
            UInt256 blobCost = tx.maxFeePerBlobGas().multiplyExact(tx.blobGas());
            if (blobCost == null || cost.addOverflows(blobCost)) {
                return null;
            }
            cost = cost.add(blobCost);
        }
        return cost;
    }
}
