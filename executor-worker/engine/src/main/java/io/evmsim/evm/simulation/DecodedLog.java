package io.evmsim.evm.simulation;

import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.evm.state.Log;

/**
 * A log the transaction kept, with its token event when it is one.
 *
 * @param index its index among the transaction's logs
 * @param event the decoded token event, or null
 */
public record DecodedLog(int index, Log log, TokenEvent event) {
}
