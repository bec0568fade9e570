package io.evmsim.evm.decode;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Log;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recognises token events by their topic-0 signature hash and the shape of topics and data. A log
 * that has a known signature but the wrong shape (a missing topic, short data, an address word with
 * high bits set) is not decoded: it may be another contract's event that shares the name.
 */
public final class TokenEventDecoder {
    public static final Hash TRANSFER = signature("Transfer(address,address,uint256)");
    public static final Hash APPROVAL = signature("Approval(address,address,uint256)");
    public static final Hash APPROVAL_FOR_ALL = signature("ApprovalForAll(address,address,bool)");
    public static final Hash TRANSFER_SINGLE = signature("TransferSingle(address,address,address,uint256,uint256)");
    public static final Hash TRANSFER_BATCH = signature("TransferBatch(address,address,address,uint256[],uint256[])");

    private TokenEventDecoder() {
    }

    private static Hash signature(String text) {
        return Keccak.hash(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token event the log carries, or null. */
    public static TokenEvent decode(Log log) {
        List<Hash> topics = log.topics();
        if (topics.isEmpty()) {
            return null;
        }
        Hash signature = topics.get(0);
        byte[] data = log.data();
        Address token = log.address();
        if (signature.equals(TRANSFER) || signature.equals(APPROVAL)) {
            return transferOrApproval(token, signature.equals(TRANSFER), topics, data);
        }
        if (signature.equals(APPROVAL_FOR_ALL)) {
            Address owner = topicAddress(topics, 1);
            Address operator = topicAddress(topics, 2);
            UInt256 approved = AbiWords.word(data, 0);
            if (topics.size() != 3 || owner == null || operator == null || approved == null
                    || approved.compareTo(UInt256.ONE) > 0) {
                return null;
            }
            return new TokenEvent.ApprovalForAll(token, owner, operator, approved.equals(UInt256.ONE));
        }
        if (signature.equals(TRANSFER_SINGLE) || signature.equals(TRANSFER_BATCH)) {
            return erc1155(token, signature.equals(TRANSFER_BATCH), topics, data);
        }
        return null;
    }

    private static TokenEvent transferOrApproval(Address token, boolean transfer, List<Hash> topics, byte[] data) {
        Address first = topicAddress(topics, 1);
        Address second = topicAddress(topics, 2);
        if (first == null || second == null) {
            return null;
        }
        if (topics.size() == 3 && data.length == 32) {
            UInt256 amount = AbiWords.word(data, 0);
            return transfer ? new TokenEvent.Erc20Transfer(token, first, second, amount)
                    : new TokenEvent.Erc20Approval(token, first, second, amount);
        }
        if (topics.size() == 4 && data.length == 0) {
            UInt256 tokenId = topics.get(3).toWord();
            return transfer ? new TokenEvent.Erc721Transfer(token, first, second, tokenId)
                    : new TokenEvent.Erc721Approval(token, first, second, tokenId);
        }
        return null;
    }

    private static TokenEvent erc1155(Address token, boolean batch, List<Hash> topics, byte[] data) {
        Address operator = topicAddress(topics, 1);
        Address from = topicAddress(topics, 2);
        Address to = topicAddress(topics, 3);
        if (topics.size() != 4 || operator == null || from == null || to == null) {
            return null;
        }
        if (!batch) {
            UInt256 id = AbiWords.word(data, 0);
            UInt256 amount = AbiWords.word(data, 32);
            return id == null || amount == null ? null
                    : new TokenEvent.Erc1155Transfer(token, operator, from, to, List.of(id), List.of(amount), false);
        }
        UInt256[] ids = AbiWords.uintArray(data, 0);
        UInt256[] amounts = AbiWords.uintArray(data, 32);
        if (ids == null || amounts == null || ids.length != amounts.length) {
            return null;
        }
        return new TokenEvent.Erc1155Transfer(token, operator, from, to, List.of(ids), List.of(amounts), true);
    }

    /** The address in topic {@code index}; null when absent or when the word is wider than 160 bits. */
    private static Address topicAddress(List<Hash> topics, int index) {
        if (index >= topics.size()) {
            return null;
        }
        byte[] word = topics.get(index).toArray();
        return AbiWords.address(word, 0);
    }
}
