package io.evmsim.worker.result;

import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.assets.AssetChanges;
import io.evmsim.evm.assets.AssetTransfer;
import io.evmsim.worker.preview.Fee;
import io.evmsim.worker.preview.Preview;
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

    /**
     * @param preview the fee and token metadata to write beside the raw amounts, or null: then each
     *     entry names the token (its {@code symbol}, {@code name}, {@code decimals}) and gives the amount
     *     formatted by its decimals ({@code formatted}); the sender's fee is an entry of its own kind
     *     ({@code "kind": "FEE"}) in {@code byAddress} and in {@code fee}
     */
    static ObjectNode of(AssetChanges changes, Preview preview) {
        ObjectNode node = JSON.objectNode();
        ObjectNode byAddress = node.putObject("byAddress");
        changes.byAddress().forEach((address, nets) -> {
            ArrayNode list = byAddress.putArray(address.toString());
            nets.forEach(net -> PreviewJson.token(asset(list.addObject(), net.asset()).put("delta", net.delta().toString()),
                    net.asset(), net.delta(), "formatted", preview));
        });
        Fee fee = preview == null ? null : preview.fee();
        if (fee != null && fee.total().signum() > 0) {
            String payer = fee.payer().toString();
            ArrayNode list = byAddress.has(payer) ? (ArrayNode) byAddress.get(payer) : byAddress.putArray(payer);
            list.addObject().put("asset", "ETH").put("kind", "FEE").put("delta", fee.total().negate().toString())
                    .put("formatted", PreviewJson.ether(fee.total().negate()));
        }
        ArrayNode transfers = node.putArray("transfers");
        for (AssetTransfer transfer : changes.transfers()) {
            ObjectNode t = asset(transfers.addObject(), transfer.asset());
            t.put("from", transfer.from().toString());
            t.put("to", transfer.to() == null ? null : transfer.to().toString());
            t.put("amount", TokenEventJson.decimal(transfer.amount()));
            PreviewJson.token(t, transfer.asset(), transfer.amount().toBigInteger(), "formatted", preview);
            t.put("source", transfer.source().name());
        }
        ArrayNode approvals = node.putArray("approvals");
        changes.approvals().forEach(approval -> approvals.add(PreviewJson.approval(TokenEventJson.of(approval), approval,
                preview)));
        if (fee != null) {
            node.set("fee", PreviewJson.fee(fee));
        }
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
