package io.evmsim.evm.trace.call;

import io.evmsim.evm.interpreter.CallKind;

/** The kind of a call-tree node, named as geth's {@code callTracer} writes its {@code type}. */
public enum CallType {
    CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2, SELFDESTRUCT;

    static CallType of(CallKind kind) {
        return switch (kind) {
            case CALL -> CALL;
            case CALLCODE -> CALLCODE;
            case DELEGATECALL -> DELEGATECALL;
            case STATICCALL -> STATICCALL;
            case CREATE -> CREATE;
            case CREATE2 -> CREATE2;
        };
    }

    public boolean isCreate() {
        return this == CREATE || this == CREATE2;
    }
}
