package io.evmsim.evm.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.util.List;

/** A log record emitted by LOG0..LOG4. */
public record Log(Address address, List<Hash> topics, byte[] data) {
}
