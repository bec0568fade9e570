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
 * eth_simulateV1's {@code traceTransfers}: each ether movement (a call or creation with value, a
 * SELFDESTRUCT's balance) appears as an ERC-20 {@code Transfer(from, to, value)} log emitted by
 * {@code 0xeeee...eeee}, in order with the contracts' own logs. A frame that fails takes its logs,
 * and the transfers in it, with it.
 */
final class TransferLogTracer implements ExecutionTracer {
    /** The pseudo-address execution-apis names for ether transfer logs. */
    static final Address ETHER = Address.fromHex("0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    private static final Hash TRANSFER = Keccak.hash("Transfer(address,address,uint256)"
            .getBytes(StandardCharsets.US_ASCII));

    private final ArrayDeque<List<Log>> frames = new ArrayDeque<>();
    private List<Log> kept = List.of();

    /** The logs of the last transaction, with the transfers. */
    List<Log> logs() {
        return kept;
    }

    @Override
    public void onFrameStart(Message message) {
        List<Log> frame = new ArrayList<>();
        frames.push(frame);
        boolean movesValue = message.transfersValue() && !message.value().isZero()
                && (message.kind() == CallKind.CALL || message.kind() == CallKind.CREATE
                        || message.kind() == CallKind.CREATE2);
        if (movesValue && message.recipient() != null) {
            frame.add(transfer(message.caller(), message.recipient(), message.value()));
        }
    }

    @Override
    public void onFrameEnd(Message message, FrameResult result) {
        List<Log> frame = frames.pop();
        boolean keep = result.isSuccess();
        if (frames.isEmpty()) {
            kept = keep ? List.copyOf(frame) : List.of();
        } else if (keep) {
            frames.peek().addAll(frame);
        }
    }

    @Override
    public void onLog(Log log) {
        frames.peek().add(log);
    }

    @Override
    public void onSelfDestruct(Address contract, Address beneficiary, UInt256 balance) {
        if (!balance.isZero()) {
            frames.peek().add(transfer(contract, beneficiary, balance));
        }
    }

    private static Log transfer(Address from, Address to, UInt256 value) {
        return new Log(ETHER, List.of(TRANSFER, Hash.wrap(from.toWord().toBytes32()), Hash.wrap(to.toWord().toBytes32())),
                value.toBytes32());
    }
}
