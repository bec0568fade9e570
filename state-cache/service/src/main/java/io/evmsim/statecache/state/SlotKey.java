package io.evmsim.statecache.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;

/** One storage slot of one account (the block is given alongside). */
public record SlotKey(Address address, UInt256 slot) {
}
