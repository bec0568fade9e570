package io.evmsim.evm.assets;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.assets.AssetTransfer.Source;
import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.evm.decode.TokenEventDecoder;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.trace.call.CallFrame;
import io.evmsim.evm.trace.call.CallLog;
import io.evmsim.evm.trace.call.CallType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds {@link AssetChanges} from a call tree: ether moved by the transaction, by internal calls
 * and creations with value and by SELFDESTRUCT, in the order it moved, interleaved with the token
 * events of the logs the transaction kept. Failed frames moved nothing. CALLCODE and DELEGATECALL
 * move no ether (the value stays with the running contract).
 */
public final class AssetChangeCollector {
    private final List<AssetTransfer> transfers = new ArrayList<>();
    private final List<TokenEvent> approvals = new ArrayList<>();

    private AssetChangeCollector() {
    }

    /**
     * @param root the call tree, or null when nothing ran
     * @param fees the fees to include as movements, or null to leave them out
     */
    public static AssetChanges collect(CallFrame root, Fees fees) {
        AssetChangeCollector collector = new AssetChangeCollector();
        if (root != null) {
            collector.visit(root);
        }
        if (fees != null) {
            collector.addFees(fees);
        }
        return new AssetChanges(List.copyOf(collector.transfers), collector.net(), List.copyOf(collector.approvals));
    }

    /**
     * The fees a transaction paid, for asset changes that include them.
     *
     * @param priorityFee paid to the coinbase
     * @param burned base fee and blob fee
     */
    public record Fees(Address payer, Address coinbase, UInt256 priorityFee, UInt256 burned) {
    }

    private void visit(CallFrame frame) {
        if (frame.failed()) {
            return;
        }
        UInt256 value = frame.value();
        boolean movesEther = switch (frame.type()) {
            case CALL, CREATE, CREATE2, SELFDESTRUCT -> true;
            case CALLCODE, DELEGATECALL, STATICCALL -> false;
        };
        if (movesEther && value != null && !value.isZero() && !frame.from().equals(frame.to())) {
            Source source = frame.type() == CallType.SELFDESTRUCT ? Source.SELFDESTRUCT : Source.CALL_VALUE;
            transfers.add(new AssetTransfer(Asset.ETHER, frame.from(), frame.to(), value, source));
        }
        List<CallLog> logs = frame.logs();
        List<CallFrame> calls = frame.calls();
        int next = 0;
        for (int call = 0; call <= calls.size(); call++) {
            while (next < logs.size() && logs.get(next).position() == call) {
                CallLog log = logs.get(next++);
                onEvent(TokenEventDecoder.decode(new Log(log.address(), log.topics(), log.data())));
            }
            if (call < calls.size()) {
                visit(calls.get(call));
            }
        }
    }

    private void onEvent(TokenEvent event) {
        switch (event) {
            case null -> {
            }
            case TokenEvent.Erc20Transfer t -> transfers.add(new AssetTransfer(
                    new Asset(Asset.AssetKind.ERC20, t.token(), null), t.from(), t.to(), t.amount(),
                    Source.TOKEN_EVENT));
            case TokenEvent.Erc721Transfer t -> transfers.add(new AssetTransfer(
                    new Asset(Asset.AssetKind.ERC721, t.token(), t.tokenId()), t.from(), t.to(), UInt256.ONE,
                    Source.TOKEN_EVENT));
            case TokenEvent.Erc1155Transfer t -> {
                for (int i = 0; i < t.ids().size(); i++) {
                    transfers.add(new AssetTransfer(new Asset(Asset.AssetKind.ERC1155, t.token(), t.ids().get(i)),
                            t.from(), t.to(), t.amounts().get(i), Source.TOKEN_EVENT));
                }
            }
            case TokenEvent.Erc20Approval a -> approvals.add(a);
            case TokenEvent.Erc721Approval a -> approvals.add(a);
            case TokenEvent.ApprovalForAll a -> approvals.add(a);
        }
    }

    private void addFees(Fees fees) {
        if (!fees.priorityFee().isZero()) {
            transfers.add(new AssetTransfer(Asset.ETHER, fees.payer(), fees.coinbase(), fees.priorityFee(),
                    Source.PRIORITY_FEE));
        }
        if (!fees.burned().isZero()) {
            transfers.add(new AssetTransfer(Asset.ETHER, fees.payer(), null, fees.burned(), Source.BURNED_FEE));
        }
    }

    private SortedMap<Address, List<AssetChanges.NetChange>> net() {
        Map<Address, Map<Asset, BigInteger>> sums = new LinkedHashMap<>();
        for (AssetTransfer t : transfers) {
            BigInteger amount = t.amount().toBigInteger();
            sums.computeIfAbsent(t.from(), a -> new LinkedHashMap<>()).merge(t.asset(), amount.negate(), BigInteger::add);
            if (t.to() != null) {
                sums.computeIfAbsent(t.to(), a -> new LinkedHashMap<>()).merge(t.asset(), amount, BigInteger::add);
            }
        }
        SortedMap<Address, List<AssetChanges.NetChange>> result = new TreeMap<>();
        sums.forEach((address, byAsset) -> {
            List<AssetChanges.NetChange> changes = new ArrayList<>();
            byAsset.forEach((asset, delta) -> {
                if (delta.signum() != 0) {
                    changes.add(new AssetChanges.NetChange(asset, delta));
                }
            });
            if (!changes.isEmpty()) {
                result.put(address, List.copyOf(changes));
            }
        });
        return result;
    }
}
