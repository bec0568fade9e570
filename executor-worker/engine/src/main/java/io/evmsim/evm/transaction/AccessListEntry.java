package io.evmsim.evm.transaction;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.List;

/** One entry of an EIP-2930 access list: an address and storage keys to warm before execution. */
public record AccessListEntry(Address address, List<UInt256> storageKeys) {
}
