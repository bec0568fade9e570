package io.evmsim.evm.opcode;

import io.evmsim.evm.fork.Fork;

/**
 * The traits of one opcode: the single source the interpreter, the tracer and the disassembler
 * read.
 *
 * @param code the byte value
 * @param name the mnemonic
 * @param stackIn items popped
 * @param stackOut items pushed
 * @param immediateBytes bytes of immediate data after the opcode (PUSHn)
 * @param staticGas the constant gas charged before the instruction runs; dynamic costs come on top
 * @param introducedIn the first fork with this opcode, null when it predates every supported fork
 */
public record OpcodeInfo(int code, String name, int stackIn, int stackOut, int immediateBytes, long staticGas,
        Fork introducedIn) {

    public boolean availableIn(Fork fork) {
        return introducedIn == null || fork.isAtLeast(introducedIn);
    }
}
