package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.GethText;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.IntrinsicGas;
import io.evmsim.evm.transaction.InvalidReason;
import io.evmsim.evm.transaction.TransactionResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The JSON-RPC errors of a call that did not succeed, worded as geth words them
 * ({@code core/error.go}, {@code core/state_transition.go}), since clients match on these texts.
 */
final class CallFailures {
    private CallFailures() {
    }

    /** The message of a revert: {@code execution reverted}, with the decoded reason when there is one. */
    static String revertMessage(byte[] output) {
        RevertReason reason = RevertReason.decode(output);
        String text = reason == null ? null : reason.text();
        return text == null ? GethText.EXECUTION_REVERTED : GethText.EXECUTION_REVERTED + ": " + text;
    }

    /** eth_call's error for a reverted or halted execution: code 3 with the revert data, or -32000 with the halt. */
    static RpcError executionError(TransactionResult result) {
        if (result.reverted()) {
            return new RpcError(RpcError.REVERTED, revertMessage(result.output()), Hex.encode(result.output()));
        }
        return new RpcError(RpcError.SERVER_ERROR, GethText.halt(result.halt()));
    }

    /**
     * geth's text of a transaction rejected before execution; {@code state} is the state it was
     * checked against (a rejected transaction changes nothing), {@code rules} the fork's.
     */
    static String invalidMessage(InvalidReason reason, EvmTransaction tx, JournaledState state, BlockContext block,
            ForkRules rules) {
        Account sender = state.account(tx.sender());
        return switch (reason) {
            case NONCE_TOO_LOW -> "nonce too low: address " + sender(tx) + ", tx: " + tx.nonce() + " state: "
                    + sender.nonce();
            case NONCE_TOO_HIGH -> "nonce too high: address " + sender(tx) + ", tx: " + tx.nonce() + " state: "
                    + sender.nonce();
            case NONCE_MAX -> "nonce has max value: address " + sender(tx) + ", nonce: "
                    + Long.toUnsignedString(sender.nonce());
            case INSUFFICIENT_FUNDS -> "insufficient funds for gas * price + value: address " + sender(tx) + " have "
                    + sender.balance().toBigInteger() + " want " + required(tx);
            case INTRINSIC_GAS_TOO_LOW -> "intrinsic gas too low: have " + tx.gasLimit() + ", want "
                    + IntrinsicGas.of(tx, rules);
            case FEE_CAP_BELOW_BASE_FEE -> "max fee per gas less than block base fee: address " + sender(tx)
                    + ", maxFeePerGas: " + tx.feeCap().toBigInteger() + ", baseFee: " + block.baseFee().toBigInteger();
            case TIP_ABOVE_FEE_CAP -> "max priority fee per gas higher than max fee per gas: address " + sender(tx)
                    + ", maxPriorityFeePerGas: " + tx.maxPriorityFeePerGas().toBigInteger() + ", maxFeePerGas: "
                    + tx.maxFeePerGas().toBigInteger();
            case SENDER_NOT_EOA -> "sender not an eoa: address " + sender(tx) + ", codehash: "
                    + sender.code().hash();
            default -> reason.description();
        };
    }

    /** The execution-apis error code of eth_simulateV1 for a rejected transaction. */
    static int simulateCode(InvalidReason reason) {
        return switch (reason) {
            case NONCE_TOO_LOW -> -38010;
            case NONCE_TOO_HIGH -> -38011;
            case FEE_CAP_BELOW_BASE_FEE -> -38012;
            case INTRINSIC_GAS_TOO_LOW, FLOOR_GAS_TOO_LOW -> -38013;
            case INSUFFICIENT_FUNDS -> -38014;
            case GAS_LIMIT_ABOVE_BLOCK -> -38015;
            case SENDER_NOT_EOA -> -38024;
            case INITCODE_TOO_LARGE -> -38025;
            case NONCE_MAX -> RpcError.INTERNAL;
            default -> RpcError.SERVER_ERROR;
        };
    }

    /** The sender as geth prints an address in these texts: EIP-55's mixed-case checksum. */
    private static String sender(EvmTransaction tx) {
        String hex = tx.sender().toString().substring(2);
        String hash = Hex.encode(Keccak.keccak256(hex.getBytes(StandardCharsets.US_ASCII))).substring(2);
        StringBuilder checksummed = new StringBuilder("0x");
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            checksummed.append(Character.digit(hash.charAt(i), 16) >= 8 ? Character.toUpperCase(c) : c);
        }
        return checksummed.toString();
    }

    private static BigInteger required(EvmTransaction tx) {
        return tx.feeCap().toBigInteger().multiply(BigInteger.valueOf(tx.gasLimit())).add(tx.value().toBigInteger());
    }
}
