package io.evmsim.evm.trace.call;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.interpreter.HaltReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of the call tree, with geth's {@code callTracer} meaning for every field. Built by
 * {@link CallTracer} while the transaction runs; read-only once the tracer hands out its root.
 */
public final class CallFrame {
    private final CallType type;
    private final Address from;
    private Address to;
    private final UInt256 value;
    private long gas;
    private long gasUsed;
    private final byte[] input;
    private byte[] output;
    private String error;
    private HaltReason halt;
    private boolean reverted;
    private RevertReason revertReason;
    private final List<CallFrame> calls = new ArrayList<>();
    private final List<CallLog> logs = new ArrayList<>();
    /** The halt text with detail from the halted frame, recorded just before the frame ends. */
    String haltDetail;

    CallFrame(CallType type, Address from, Address to, UInt256 value, long gas, byte[] input) {
        this.type = type;
        this.from = from;
        this.to = to;
        this.value = value;
        this.gas = gas;
        this.input = input;
    }

    public CallType type() {
        return type;
    }

    public Address from() {
        return from;
    }

    /** The callee; null for a failed creation (geth omits {@code to} then). */
    public Address to() {
        return to;
    }

    /** The value; null for STATICCALL, whose {@code value} geth omits. DELEGATECALL shows the caller's. */
    public UInt256 value() {
        return value;
    }

    /** Gas given to the frame (with a value call's stipend); the transaction's gas limit at the top. */
    public long gas() {
        return gas;
    }

    /** Gas the frame used; at the top, the transaction's gas used (after refund and floor). */
    public long gasUsed() {
        return gasUsed;
    }

    /** Calldata, or the initcode of a creation. */
    public byte[] input() {
        return input;
    }

    /**
     * Return data; a successful creation's deployed code; a revert's data; null when the frame
     * failed otherwise (geth omits {@code output} then).
     */
    public byte[] output() {
        return output;
    }

    /** geth's error text ({@code execution reverted}, {@code out of gas}, ...), or null on success. */
    public String error() {
        return error;
    }

    /** The exceptional halt, or null (success, revert, or a call rejected before it started). */
    public HaltReason halt() {
        return halt;
    }

    /** Whether the frame's state changes were undone (any error). */
    public boolean reverted() {
        return reverted;
    }

    /** The decoded revert data of a REVERT, or null. */
    public RevertReason revertReason() {
        return revertReason;
    }

    public List<CallFrame> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** Logs emitted by this frame itself and kept (a failed frame's logs and its children's are dropped). */
    public List<CallLog> logs() {
        return Collections.unmodifiableList(logs);
    }

    public boolean failed() {
        return error != null;
    }

    // ---- building, for the tracer --------------------------------------------------------------

    void gasLimit(long gasLimit) {
        this.gas = gasLimit;
    }

    void gasUsed(long used) {
        this.gasUsed = used;
    }

    void addCall(CallFrame child) {
        calls.add(child);
    }

    void addLog(CallLog log) {
        logs.add(log);
    }

    void replaceLogs(List<CallLog> kept) {
        logs.clear();
        logs.addAll(kept);
    }

    int callCount() {
        return calls.size();
    }

    /** geth's {@code processOutput}: output on success; error, and revert data and reason on a revert. */
    void finish(byte[] returned, String errorText, HaltReason haltReason) {
        if (errorText == null) {
            output = returned;
            return;
        }
        error = errorText;
        halt = haltReason;
        reverted = true;
        if (type.isCreate()) {
            to = null;
        }
        if (haltReason == null && returned.length > 0) {
            output = returned;
            revertReason = RevertReason.decode(returned);
        }
    }
}
