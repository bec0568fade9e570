package io.evmsim.worker.rpc;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.opcode.OpcodeSet;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.StateReferences;
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
    private final StateReferences.Sink names = new StateReferences.Sink() {
        @Override
        public void account(Address address) {
            if (!excluded.contains(address)) {
                touched.computeIfAbsent(address, a -> new LinkedHashSet<>());
            }
        }

        @Override
        public void slot(Address account, UInt256 key) {
            touched.computeIfAbsent(account, a -> new LinkedHashSet<>()).add(key);
        }
    };

    AccessListTracer(Set<Address> excluded) {
        this.excluded = excluded;
    }

    Map<Address, Set<UInt256>> touched() {
        return touched;
    }

    /** Only the instructions that name an account or a slot: the rest run as they do untraced. */
    @Override
    public OpcodeSet steps() {
        return StateReferences.NAMING;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        StateReferences.named(frame, opcode, names);
    }
}
