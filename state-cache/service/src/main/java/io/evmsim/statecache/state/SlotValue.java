package io.evmsim.statecache.state;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.UInt256;

/** A storage slot's value at a block, and how it is known. */
public record SlotValue(UInt256 value, StateProvenance provenance) {
}
