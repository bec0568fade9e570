package io.evmsim.common.abi;

/**
 * One input or output of an ABI entry.
 *
 * @param name as the ABI names it; empty when unnamed
 * @param indexed an event argument carried in a topic
 */
public record AbiParam(String name, AbiType type, boolean indexed) {
}
