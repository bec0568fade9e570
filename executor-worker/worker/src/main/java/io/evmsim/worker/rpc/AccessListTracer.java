package io.evmsim.worker.rpc;

import static io.evmsim.evm.opcode.Opcodes.BALANCE;
import static io.evmsim.evm.opcode.Opcodes.CALL;
import static io.evmsim.evm.opcode.Opcodes.CALLCODE;
import static io.evmsim.evm.opcode.Opcodes.DELEGATECALL;
import static io.evmsim.evm.opcode.Opcodes.EXTCODECOPY;
import static io.evmsim.evm.opcode.Opcodes.EXTCODEHASH;
import static io.evmsim.evm.opcode.Opcodes.EXTCODESIZE;
import static io.evmsim.evm.opcode.Opcodes.SELFDESTRUCT;
import static io.evmsim.evm.opcode.Opcodes.SLOAD;
import static io.evmsim.evm.opcode.Opcodes.SSTORE;
import static io.evmsim.evm.opcode.Opcodes.STATICCALL;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.trace.ExecutionTracer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * geth's access-list tracer ({@code eth/tracers/logger/access_list_tracer.go}): every account an
 * instruction names and every slot SLOAD or SSTORE names, except the accounts every transaction
 * warms anyway (sender, recipient, precompiles), which an access list would only make dearer.
 */
final class AccessListTracer implements ExecutionTracer {
    private final Set<Address> excluded;
    private final Map<Address, Set<UInt256>> touched = new LinkedHashMap<>();

    AccessListTracer(Set<Address> excluded) {
        this.excluded = excluded;
    }

    Map<Address, Set<UInt256>> touched() {
        return touched;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        int size = frame.stackSize();
        switch (opcode) {
            case SLOAD, SSTORE -> {
                if (size >= 1) {
                    slot(frame.recipient(), frame.peek(0));
                }
            }
            case EXTCODECOPY, EXTCODEHASH, EXTCODESIZE, BALANCE, SELFDESTRUCT -> {
                if (size >= 1) {
                    account(address(frame.peek(0)));
                }
            }
            case CALL, CALLCODE, DELEGATECALL, STATICCALL -> {
                if (size >= 5) {
                    account(address(frame.peek(1)));
                }
            }
            default -> {
            }
        }
    }

    private void account(Address address) {
        if (!excluded.contains(address)) {
            touched.computeIfAbsent(address, a -> new LinkedHashSet<>());
        }
    }

    private void slot(Address address, UInt256 key) {
        touched.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(key);
    }

    private static Address address(UInt256 word) {
        return Address.fromWordBytes(word.toBytes32(), 0);
    }
}
