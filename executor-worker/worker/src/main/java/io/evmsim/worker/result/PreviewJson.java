package io.evmsim.worker.result;

import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.worker.preview.Fee;
import io.evmsim.worker.preview.Preview;
import io.evmsim.worker.preview.PreviewWarning;
import io.evmsim.worker.preview.TokenMetadata;
import java.math.BigInteger;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A preview in a result: {@code summary} (sentences), {@code warnings} (each {@code code},
 * {@code severity}, {@code message}, {@code addresses}), and in the asset changes each token's
 * {@code symbol}, {@code name} and {@code decimals} with the amount {@code formatted} by them, and the fee.
 */
final class PreviewJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PreviewJson() {
    }

    static void write(ObjectNode doc, Preview preview) {
        if (preview == null) {
            return;
        }
        ArrayNode summary = doc.putArray("summary");
        preview.summary().forEach(summary::add);
        doc.set("warnings", warnings(preview.warnings(), null));
        if (preview.partial()) {
            doc.put("previewPartial", true); // the deadline left no time to read token metadata
        }
    }

    /** The warnings, each with the transaction it is about when {@code index} is given (a bundle's summary). */
    static ArrayNode warnings(List<PreviewWarning> warnings, Integer index) {
        ArrayNode array = JSON.arrayNode();
        for (PreviewWarning warning : warnings) {
            ObjectNode node = array.addObject();
            if (index != null) {
                node.put("transaction", index);
            }
            node.put("code", warning.code().name());
            node.put("severity", warning.severity().jsonName());
            node.put("message", warning.message());
            ArrayNode addresses = node.putArray("addresses");
            warning.addresses().forEach(address -> addresses.add(address.toString()));
        }
        return array;
    }

    /** The token's metadata and {@code amount} formatted into {@code field}; what the token does not say is absent. */
    static ObjectNode token(ObjectNode node, Asset asset, BigInteger amount, String field, Preview preview) {
        if (preview == null) {
            return node;
        }
        TokenMetadata metadata = asset.kind() == Asset.AssetKind.ETH ? TokenMetadata.ETHER : preview.token(asset.token());
        if (metadata.symbol() != null) {
            node.put("symbol", metadata.symbol());
        }
        if (metadata.name() != null) {
            node.put("name", metadata.name());
        }
        if (asset.kind() == Asset.AssetKind.ETH || asset.kind() == Asset.AssetKind.ERC20) {
            if (metadata.decimals() != null) {
                node.put("decimals", metadata.decimals());
                node.put(field, metadata.format(amount));
            }
        }
        return node;
    }

    static ObjectNode approval(ObjectNode node, TokenEvent approval, Preview preview) {
        if (preview == null) {
            return node;
        }
        TokenMetadata metadata = preview.token(approval.token());
        if (metadata.symbol() != null) {
            node.put("symbol", metadata.symbol());
        }
        if (metadata.name() != null) {
            node.put("name", metadata.name());
        }
        if (approval instanceof TokenEvent.Erc20Approval a && metadata.decimals() != null) {
            node.put("decimals", metadata.decimals());
            node.put("formatted", metadata.format(a.amount().toBigInteger()));
        }
        return node;
    }

    static ObjectNode fee(Fee fee) {
        ObjectNode node = JSON.objectNode();
        node.put("payer", fee.payer().toString());
        node.put("gasFee", fee.gasFee().toString());
        node.put("blobFee", fee.blobFee().toString());
        node.put("total", fee.total().toString());
        node.put("formatted", ether(fee.total()));
        return node;
    }

    static String ether(BigInteger wei) {
        return TokenMetadata.ETHER.format(wei);
    }
}
