package io.evmsim.worker.result;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.decode.TokenEvent;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A decoded token event: {@code standard}, {@code event} and its arguments; amounts and ids as decimal strings. */
final class TokenEventJson {
    private TokenEventJson() {
    }

    static ObjectNode of(TokenEvent event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        switch (event) {
            case TokenEvent.Erc20Transfer t -> head(node, "ERC20", "Transfer", t.token())
                    .put("from", t.from().toString()).put("to", t.to().toString()).put("amount", decimal(t.amount()));
            case TokenEvent.Erc721Transfer t -> head(node, "ERC721", "Transfer", t.token())
                    .put("from", t.from().toString()).put("to", t.to().toString())
                    .put("tokenId", decimal(t.tokenId()));
            case TokenEvent.Erc20Approval a -> head(node, "ERC20", "Approval", a.token())
                    .put("owner", a.owner().toString()).put("spender", a.spender().toString())
                    .put("amount", decimal(a.amount()));
            case TokenEvent.Erc721Approval a -> head(node, "ERC721", "Approval", a.token())
                    .put("owner", a.owner().toString()).put("approved", a.approved().toString())
                    .put("tokenId", decimal(a.tokenId()));
            case TokenEvent.ApprovalForAll a -> head(node, "ERC721/ERC1155", "ApprovalForAll", a.token())
                    .put("owner", a.owner().toString()).put("operator", a.operator().toString())
                    .put("approved", a.approved());
            case TokenEvent.Erc1155Transfer t -> {
                head(node, "ERC1155", t.batch() ? "TransferBatch" : "TransferSingle", t.token())
                        .put("operator", t.operator().toString()).put("from", t.from().toString())
                        .put("to", t.to().toString());
                node.set("ids", decimals(t.ids()));
                node.set("amounts", decimals(t.amounts()));
            }
        }
        return node;
    }

    private static ObjectNode head(ObjectNode node, String standard, String name, Address token) {
        return node.put("standard", standard).put("event", name).put("token", token.toString());
    }

    private static ArrayNode decimals(List<UInt256> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(value -> array.add(decimal(value)));
        return array;
    }

    static String decimal(UInt256 value) {
        return value.toBigInteger().toString();
    }
}
