package io.evmsim.worker.rpc;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.CallKind;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.trace.ExecutionTracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The logs of eth_simulateV1's calls, as geth's simulator collects them ({@code internal/ethapi/logtracer.go}):
 * with {@code traceTransfers} each ether movement (a call or creation with value, a SELFDESTRUCT's
 * balance) appears as an ERC-20 {@code Transfer(from, to, value)} log emitted by {@code 0xeeee...eeee},
 * in order with the contracts' own logs. A frame that fails takes its logs, and the transfers in it,
 * with it. One tracer serves a whole block: each log's index is counted across the block as it is
 * emitted, a log a failing frame then drops included (geth numbers them so).
 */
final class TransferLogTracer implements ExecutionTracer {
    /** The pseudo-address execution-apis names for ether transfer logs. */
    static final Address ETHER = Address.fromHex("0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    private static final Hash TRANSFER = Keccak.hash("Transfer(address,address,uint256)"
            .getBytes(StandardCharsets.US_ASCII));

    /** A log and its index in the block. */
    record IndexedLog(Log log, int index) {
    }

    private final boolean traceTransfers;
    private final ArrayDeque<List<IndexedLog>> frames = new ArrayDeque<>();
    private List<IndexedLog> kept = List.of();
    private int emitted;

    TransferLogTracer(boolean traceTransfers) {
        this.traceTransfers = traceTransfers;
    }

    /** The logs of the last transaction, with the transfers when traced. */
    List<IndexedLog> logs() {
        return kept;
    }

    @Override
    public void onFrameStart(Message message) {
        frames.push(new ArrayList<>());
        boolean movesValue = message.transfersValue() && !message.value().isZero()
                && (message.kind() == CallKind.CALL || message.kind() == CallKind.CREATE
                        || message.kind() == CallKind.CREATE2);
        if (traceTransfers && movesValue && message.recipient() != null) {
            capture(transfer(message.caller(), message.recipient(), message.value()));
        }
    }

    @Override
    public void onFrameEnd(Message message, FrameResult result) {
        List<IndexedLog> frame = frames.pop();
        boolean keep = result.isSuccess();
        if (frames.isEmpty()) {
            kept = keep ? List.copyOf(frame) : List.of();
        } else if (keep) {
            frames.peek().addAll(frame);
        }
    }

    @Override
    public void onLog(Log log) {
        capture(log);
    }

    @Override
    public void onSelfDestruct(Address contract, Address beneficiary, UInt256 balance) {
        if (traceTransfers && !balance.isZero()) {
            capture(transfer(contract, beneficiary, balance));
        }
    }

    private void capture(Log log) {
        frames.peek().add(new IndexedLog(log, emitted++));
    }

    private static Log transfer(Address from, Address to, UInt256 value) {
        return new Log(ETHER, List.of(TRANSFER, Hash.wrap(from.toWord().toBytes32()), Hash.wrap(to.toWord().toBytes32())),
                value.toBytes32());
    }
}
