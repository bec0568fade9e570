package io.evmsim.worker.rpc;

import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;

/** A call as the engine ran it, and its outcome. */
record Executed(EvmTransaction tx, TransactionResult result) {
}
