package io.evmsim.common.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedTransactionTest {
    private static final BigInteger KEY = new BigInteger("289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032", 16);
    private static final String SEPOLIA_BLOB_TX = "0x03f9011d83aa36a7820fa28477359400852e90edd0008252089411e9ca82a3a762b4b5bd"
            + "264d4173a242e7a770648080c08504a817c800f8a5a0012ec3d6f66766bedb002a190126b3549fce0047de0d4c25cffce0dc1c5792"
            + "1aa00152d8e24762ff22b1cfd9f8c0683786a7ca63ba49973818b3d1e9512cd2cec4a0013b98c6c83e066d5b14af2b85199e3d4fc7"
            + "d1e778dd53130d180f5077e2d1c7a001148b495d6e859114e670ca54fb6e2657f0cbae5b08063605093a4b3dc9f8f1a0011ac212f1"
            + "3c5dff2b2c6b600a79635103d6f580a4221079951181b25c7e654901a0c8de4cced43169f9aa3d36506363b2d2c44f6c49fc1fd91e"
            + "a114c86f3757077ea01e11fdd0d1934eda0492606ee0bb80a7bf8f35cc5f86ec60fe5031ba48bfd544";

    /** Mainnet 0x86718885c4b4218c6af87d3d0b0d83e3cc465df2a05c048aa4db9f1a6f9de91f. */
    @Test
    void mainnetDynamicFeeTransfer() {
        String raw = "0x02f872018307910d808507204d2cb1827d0094388c818ca8b9251b393131c08a736a67ccb19297880320d04823e2701c80c0"
                + "01a0cf024f4815304df2867a1a74e9d2707b6abda0337d2d54a4438d453f4160f190a07ac0e6b3bc9395b5b9c8b9e6d77204a23657"
                + "7a5b18467b9175c01de4faa208d9";
        Transaction tx = Transaction.decode(Hex.decode(raw));
        assertEquals(TransactionType.DYNAMIC_FEE, tx.type());
        assertEquals(UInt256.ONE, tx.chainId());
        assertEquals(0x07910d, tx.nonce());
        assertEquals(UInt256.ZERO, tx.maxPriorityFeePerGas());
        assertEquals(UInt256.ZERO, tx.tipCap());
        assertNull(tx.gasPrice());
        assertEquals(Hash.fromHex("0x86718885c4b4218c6af87d3d0b0d83e3cc465df2a05c048aa4db9f1a6f9de91f"), tx.hash());
        assertEquals(Address.fromHex("0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5"), tx.sender());
        assertArrayEquals(Hex.decode(raw), tx.encode());
    }

    /** Mainnet 0xce4dc6d7a7549a98ee3b071b67e970879ff51b5b95d1c340bacd80fa1e1aab31, a contract call. */
    @Test
    void mainnetDynamicFeeCall() {
        String raw = "0x02f86f0102843b9aca0085029e7822d68298f094d9e1459a7a482635700cbc20bbaf52d495ab9c9680841b55ba3ac080a0c1"
                + "99674fcb29f353693dd779c017823b954b3c69dffa3cd6b2a6ff7888798039a028ca912de909e7e6cdef9cdcaf24c54dd8c103294"
                + "6dfa1d85c206b32a9064fe8";
        Transaction tx = Transaction.decode(Hex.decode(raw));
        assertEquals(Hash.fromHex("0xce4dc6d7a7549a98ee3b071b67e970879ff51b5b95d1c340bacd80fa1e1aab31"), tx.hash());
        assertEquals(Address.fromHex("0x001e2b7de757ba469a57bf6b23d982458a07efce"), tx.sender());
        assertEquals(Address.fromHex("0xd9e1459a7a482635700cbc20bbaf52d495ab9c96"), tx.to());
        assertArrayEquals(Hex.decode("0x1b55ba3a"), tx.data());
    }

    /** Sepolia 0x9a22ccb0029bc8b0ddd073be1a1d923b7ae2b2ea52100bae0db4424f9107e9c0, five blobs. */
    @Test
    void sepoliaBlobTransaction() {
        Transaction tx = Transaction.decode(Hex.decode(SEPOLIA_BLOB_TX));
        assertEquals(TransactionType.BLOB, tx.type());
        assertEquals(UInt256.valueOf(11_155_111), tx.chainId());
        assertEquals(Address.fromHex("0x11e9ca82a3a762b4b5bd264d4173a242e7a77064"), tx.to());
        assertEquals(UInt256.valueOf(20_000_000_000L), tx.maxFeePerBlobGas());
        assertEquals(5, tx.blobVersionedHashes().size());
        assertEquals(Hash.fromHex("0x012ec3d6f66766bedb002a190126b3549fce0047de0d4c25cffce0dc1c57921a"),
                tx.blobVersionedHashes().getFirst());
        assertEquals(Hash.fromHex("0x9a22ccb0029bc8b0ddd073be1a1d923b7ae2b2ea52100bae0db4424f9107e9c0"), tx.hash());
        assertEquals(Address.fromHex("0xa83c816d4f9b2783761a22ba6fadb0eb0606d7b2"), tx.sender());
    }

    @Test
    void blobNetworkFormUnwrapsToTheSameTransaction() {
        byte[] canonical = Hex.decode(SEPOLIA_BLOB_TX);
        byte[] body = RlpDecoder.decode(canonical, 1, canonical.length - 1).encoded();
        byte[] sidecarItem = Rlp.encodeList(Rlp.encodeBytes(new byte[48]));
        byte[] network = Prefixed.of(3, Rlp.encodeList(body, sidecarItem, sidecarItem, sidecarItem));
        Transaction tx = Transaction.decode(network);
        assertEquals(Transaction.decode(canonical), tx);
        assertArrayEquals(canonical, tx.encode());
    }

    @Test
    void accessListTransactionRoundTrips() {
        AccessListEntry entry = new AccessListEntry(Address.fromLong(0xaaaa),
                List.of(Hash.ZERO, Hash.fromHex("0x" + "00".repeat(31) + "03")));
        Transaction tx = Transaction.builder(TransactionType.ACCESS_LIST).chainId(1).nonce(0)
                .gasPrice(UInt256.valueOf(10)).gasLimit(100_000).to(Address.fromLong(0xaaaa))
                .accessList(List.of(entry, new AccessListEntry(Address.fromLong(0xbbbb), List.of())))
                .build().sign(KEY);
        assertRoundTrips(tx);
        assertEquals(0x01, tx.encode()[0]);
    }

    @Test
    void dynamicFeeContractCreationRoundTrips() {
        Transaction tx = Transaction.builder(TransactionType.DYNAMIC_FEE).chainId(17000).nonce(Long.MAX_VALUE)
                .maxPriorityFeePerGas(UInt256.valueOf(2)).maxFeePerGas(UInt256.MAX).gasLimit(-1L)
                .value(UInt256.valueOf(5)).data(new byte[300]).build().sign(KEY);
        Transaction decoded = assertRoundTrips(tx);
        assertNull(decoded.to());
        assertEquals(-1L, decoded.gasLimit(), "gas limit is unsigned 64-bit");
    }

    @Test
    void blobTransactionRoundTrips() {
        Transaction tx = Transaction.builder(TransactionType.BLOB).chainId(1).nonce(3)
                .maxPriorityFeePerGas(UInt256.ONE).maxFeePerGas(UInt256.valueOf(100)).gasLimit(21_000)
                .to(Address.fromLong(0x1234)).maxFeePerBlobGas(UInt256.valueOf(7))
                .blobVersionedHashes(List.of(Hash.fromHex("0x01" + "ab".repeat(31)))).build().sign(KEY);
        assertRoundTrips(tx);
    }

    @Test
    void setCodeTransactionRoundTrips() {
        BigInteger authorityKey = BigInteger.valueOf(0xa11ce);
        Authorization authorization = Authorization.sign(UInt256.ONE, Address.fromLong(0xc0de), 0, authorityKey);
        Transaction tx = Transaction.builder(TransactionType.SET_CODE).chainId(1).nonce(1)
                .maxPriorityFeePerGas(UInt256.ONE).maxFeePerGas(UInt256.valueOf(100)).gasLimit(100_000)
                .to(Address.fromLong(0xdead)).authorizationList(List.of(authorization)).build().sign(KEY);
        Transaction decoded = assertRoundTrips(tx);
        assertEquals(Secp256k1.addressOf(authorityKey), decoded.authorizationList().getFirst().authority());
    }

    private static Transaction assertRoundTrips(Transaction tx) {
        byte[] encoded = tx.encode();
        Transaction decoded = Transaction.decode(encoded);
        assertEquals(tx, decoded);
        assertEquals(tx.hashCode(), decoded.hashCode());
        assertArrayEquals(encoded, decoded.encode());
        assertEquals(Secp256k1.addressOf(KEY), decoded.sender());
        assertEquals(tx.hash(), decoded.hash());
        return decoded;
    }
}
