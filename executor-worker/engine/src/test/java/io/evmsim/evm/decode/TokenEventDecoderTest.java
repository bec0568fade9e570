package io.evmsim.evm.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token events told apart by signature and shape. */
class TokenEventDecoderTest {
    private static final Address TOKEN = Address.fromLong(0x70);
    private static final Address A = Address.fromLong(0xa);
    private static final Address B = Address.fromLong(0xb);
    private static final Address OP = Address.fromLong(0x0c);

    private static Hash topic(Address address) {
        return Hash.wrap(address.toWord().toBytes32());
    }

    private static Hash topic(long value) {
        return Hash.wrap(UInt256.valueOf(value).toBytes32());
    }

    private static byte[] words(long... values) {
        byte[] out = new byte[32 * values.length];
        for (int i = 0; i < values.length; i++) {
            UInt256.valueOf(values[i]).writeTo(out, 32 * i);
        }
        return out;
    }

    @Test
    void signaturesAreTheStandardOnes() {
        assertEquals(Hash.fromHex("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
                TokenEventDecoder.TRANSFER);
        assertEquals(Hash.fromHex("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"),
                TokenEventDecoder.APPROVAL);
        assertEquals(Hash.fromHex("0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31"),
                TokenEventDecoder.APPROVAL_FOR_ALL);
        assertEquals(Hash.fromHex("0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62"),
                TokenEventDecoder.TRANSFER_SINGLE);
        assertEquals(Hash.fromHex("0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb"),
                TokenEventDecoder.TRANSFER_BATCH);
    }

    @Test
    void erc20AndErc721TransfersAndApprovals() {
        assertEquals(new TokenEvent.Erc20Transfer(TOKEN, A, B, UInt256.valueOf(5)), TokenEventDecoder.decode(
                new Log(TOKEN, List.of(TokenEventDecoder.TRANSFER, topic(A), topic(B)), words(5))));
        assertEquals(new TokenEvent.Erc721Transfer(TOKEN, A, B, UInt256.valueOf(42)), TokenEventDecoder.decode(
                new Log(TOKEN, List.of(TokenEventDecoder.TRANSFER, topic(A), topic(B), topic(42)), new byte[0])));
        assertEquals(new TokenEvent.Erc20Approval(TOKEN, A, B, UInt256.valueOf(9)), TokenEventDecoder.decode(
                new Log(TOKEN, List.of(TokenEventDecoder.APPROVAL, topic(A), topic(B)), words(9))));
        assertEquals(new TokenEvent.Erc721Approval(TOKEN, A, B, UInt256.valueOf(7)), TokenEventDecoder.decode(
                new Log(TOKEN, List.of(TokenEventDecoder.APPROVAL, topic(A), topic(B), topic(7)), new byte[0])));
        assertEquals(new TokenEvent.ApprovalForAll(TOKEN, A, OP, true), TokenEventDecoder.decode(
                new Log(TOKEN, List.of(TokenEventDecoder.APPROVAL_FOR_ALL, topic(A), topic(OP)), words(1))));
    }

    @Test
    void erc1155SingleAndBatch() {
        assertEquals(new TokenEvent.Erc1155Transfer(TOKEN, OP, A, B, List.of(UInt256.valueOf(3)),
                List.of(UInt256.valueOf(10)), false), TokenEventDecoder.decode(new Log(TOKEN,
                List.of(TokenEventDecoder.TRANSFER_SINGLE, topic(OP), topic(A), topic(B)), words(3, 10))));
        // ids [1, 2], values [5, 6]: heads 0x40 and 0xa0, then each array's length and items
        byte[] batch = words(0x40, 0xa0, 2, 1, 2, 2, 5, 6);
        assertEquals(new TokenEvent.Erc1155Transfer(TOKEN, OP, A, B, List.of(UInt256.ONE, UInt256.valueOf(2)),
                List.of(UInt256.valueOf(5), UInt256.valueOf(6)), true), TokenEventDecoder.decode(new Log(TOKEN,
                List.of(TokenEventDecoder.TRANSFER_BATCH, topic(OP), topic(A), topic(B)), batch)));
    }

    @Test
    void wrongShapesAreNotDecoded() {
        assertNull(TokenEventDecoder.decode(new Log(TOKEN, List.of(TokenEventDecoder.TRANSFER, topic(A)), words(5))));
        assertNull(TokenEventDecoder.decode(new Log(TOKEN,
                List.of(TokenEventDecoder.TRANSFER, topic(A), topic(B)), Hex.decode("0x01"))));
        Hash notAnAddress = Hash.wrap(UInt256.MAX.toBytes32());
        assertNull(TokenEventDecoder.decode(new Log(TOKEN,
                List.of(TokenEventDecoder.TRANSFER, notAnAddress, topic(B)), words(5))));
        assertNull(TokenEventDecoder.decode(new Log(TOKEN,
                List.of(TokenEventDecoder.APPROVAL_FOR_ALL, topic(A), topic(OP)), words(2))), "a bool is 0 or 1");
        assertNull(TokenEventDecoder.decode(new Log(TOKEN, List.of(TokenEventDecoder.TRANSFER_BATCH, topic(OP),
                topic(A), topic(B)), words(0x40, 0xa0, 2, 1, 2, 1, 5))), "ids and values differ in length");
        assertNull(TokenEventDecoder.decode(new Log(TOKEN, List.of(), new byte[0])));
    }
}
