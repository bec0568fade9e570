package io.evmsim.worker.result;

import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.assets.AssetChanges;
import io.evmsim.evm.assets.AssetTransfer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asset changes: {@code byAddress} (net change per address and asset, decimal, negative when it
 * left), {@code transfers} in execution order (ether moved by internal calls included) and the
 * {@code approvals} granted or revoked.
 */
final class AssetChangesJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AssetChangesJson() {
    }

    static ObjectNode of(AssetChanges changes) {
        ObjectNode node = JSON.objectNode();
        ObjectNode byAddress = node.putObject("byAddress");
        changes.byAddress().forEach((address, nets) -> {
            ArrayNode list = byAddress.putArray(address.toString());
            nets.forEach(net -> asset(list.addObject(), net.asset()).put("delta", net.delta().toString()));
        });
        ArrayNode transfers = node.putArray("transfers");
        for (AssetTransfer transfer : changes.transfers()) {
            ObjectNode t = asset(transfers.addObject(), transfer.asset());
            t.put("from", transfer.from().toString());
            t.put("to", transfer.to() == null ? null : transfer.to().toString());
            t.put("amount", TokenEventJson.decimal(transfer.amount()));
            t.put("source", transfer.source().name());
        }
        ArrayNode approvals = node.putArray("approvals");
        changes.approvals().forEach(approval -> approvals.add(TokenEventJson.of(approval)));
        return node;
    }

    private static ObjectNode asset(ObjectNode node, Asset asset) {
        node.put("asset", asset.kind().name());
        if (asset.token() != null) {
            node.put("token", asset.token().toString());
        }
        if (asset.tokenId() != null) {
            node.put("tokenId", TokenEventJson.decimal(asset.tokenId()));
        }
        return node;
    }
}
