package io.evmsim.evm.opcode;

/**
 * The traits of one opcode that no fork changes: the single source the interpreter, the tracer
 * and the disassembler read. Whether a fork has the opcode, and its static gas there, is the
 * fork's {@link InstructionSet}.
 *
 * @param code the byte value
 * @param name the mnemonic
 * @param stackIn items popped
 * @param stackOut items pushed
 * @param immediateBytes bytes of immediate data after the opcode (PUSHn)
 */
public record OpcodeInfo(int code, String name, int stackIn, int stackOut, int immediateBytes) {
}
