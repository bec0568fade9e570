package io.evmsim.evm.interpreter;

/** The kinds of message a frame can run. */
public enum CallKind {
    CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2;

    public boolean isCreate() {
        return this == CREATE || this == CREATE2;
    }
}
