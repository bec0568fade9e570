package io.evmsim.evm.trace.call;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.util.List;

/**
 * A log as the call tree places it.
 *
 * @param position how many sub-calls of its frame had started before it was emitted (geth's
 *     {@code position}, go-ethereum PR 28389): the log comes before sub-call number {@code position}
 * @param index the log's index among all logs the transaction kept, or -1 when a failing frame
 *     discarded it
 */
public record CallLog(Address address, List<Hash> topics, byte[] data, int position, int index) {
}
