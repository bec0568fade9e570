package io.evmsim.common.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class LegacyTransactionTest {
    private static final String EIP155_SIGNED = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7"
            + "6400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b38"
            + "00ccf555c9f3dc64214b297fb1966a3b6d83";

    /** The worked example in EIP-155. */
    @Test
    void eip155ExampleSignsAndEncodesAsTheEipShows() {
        Transaction unsigned = Transaction.builder(TransactionType.LEGACY)
                .nonce(9)
                .gasPrice(UInt256.valueOf(20_000_000_000L))
                .gasLimit(21_000)
                .to(Address.fromHex("0x3535353535353535353535353535353535353535"))
                .value(UInt256.valueOf(1_000_000_000_000_000_000L))
                .chainId(1)
                .build();
        assertEquals(Hash.fromHex("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"),
                unsigned.signingHash());
        Transaction signed = unsigned.sign(new BigInteger("46".repeat(32), 16));
        assertEquals(UInt256.valueOf(37), signed.v());
        assertEquals(EIP155_SIGNED, Hex.encode(signed.encode()));
        assertEquals(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), signed.sender());
    }

    @Test
    void eip155ExampleDecodes() {
        Transaction tx = Transaction.decode(Hex.decode(EIP155_SIGNED));
        assertEquals(TransactionType.LEGACY, tx.type());
        assertEquals(UInt256.ONE, tx.chainId());
        assertEquals(9, tx.nonce());
        assertEquals(UInt256.valueOf(20_000_000_000L), tx.gasPrice());
        assertEquals(UInt256.valueOf(20_000_000_000L), tx.feeCap());
        assertEquals(21_000, tx.gasLimit());
        assertEquals(0, tx.data().length);
        assertEquals(0, tx.recoveryId());
        assertEquals(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), tx.sender());
        assertArrayEquals(Hex.decode(EIP155_SIGNED), tx.encode());
    }

    /** Mainnet 0x280cde7cdefe4b188750e76c888f13bd05ce9a4d7767730feefe8a0e50ca6fc4 (EIP-155, chain 1). */
    @Test
    void mainnetContractCall() {
        String raw = "0xf9015482078b8505d21dba0083022ef1947a250d5630b4cf539739df2c5dacb4c659f2488d880c46549a521b13d8b8e47ff36a"
                + "b50000000000000000000000000000000000000000000066ab5a608bd00a23f2fe0000000000000000000000000000000000000000"
                + "00000000000000000000008000000000000000000000000048c04ed5691981c42154c6167398f95e8f38a7ff00000000000000000000"
                + "000000000000000000000000000000000000632ceac70000000000000000000000000000000000000000000000000000000000000002"
                + "000000000000000000000000c02aaa39b223fe8d0a0e5c4f27ead9083c756cc20000000000000000000000006c6ee5e31d828de24128"
                + "2b9606c8e98ea48526e225a0c9077369501641a92ef7399ff81c21639ed4fd8fc69cb793cfa1dbfab342e10aa0615facb2f1bcf3274a"
                + "354cfe384a38d0cc008a11c2dd23a69111bc6930ba27a8";
        Transaction tx = Transaction.decode(Hex.decode(raw));
        assertEquals(Hash.fromHex("0x280cde7cdefe4b188750e76c888f13bd05ce9a4d7767730feefe8a0e50ca6fc4"), tx.hash());
        assertEquals(Address.fromHex("0xa12e1462d0ced572f396f58b6e2d03894cd7c8a4"), tx.sender());
        assertEquals(UInt256.ONE, tx.chainId());
    }

    /** Ropsten 0x559fb34c...: chain 3, v = 42. */
    @Test
    void otherChainIdsFoldIntoV() {
        String raw = "0xf88b8212b085028fa6ae00830f424094aad593da0c8116ef7d2d594dd6a63241bccfc26c80a48318b64b00000000000000000000"
                + "0000641c5d790f862a58ec7abcfd644c0442e9c201b32aa0a6ef9e170bca5ffb7ac05433b13b7043de667fbb0b4a5e45d3b54fb2d6ef"
                + "cc63a0037ec2c05c3d60c5f5f78244ce0a3859e3a18a36c61efb061b383507d3ce19d2";
        Transaction tx = Transaction.decode(Hex.decode(raw));
        assertEquals(UInt256.valueOf(3), tx.chainId());
        assertEquals(1, tx.recoveryId());
        assertEquals(Hash.fromHex("0x559fb34c4a7f115db26cbf8505389475caaab3df45f5c7a0faa4abfa3835306c"), tx.hash());
        assertEquals(Address.fromHex("0x641c5d790f862a58ec7abcfd644c0442e9c201b3"), tx.sender());
    }

    /** Mainnet 0x9e6e1963... from block 46170, before Homestead: valid then, rejected by EIP-2 now. */
    @Test
    void rejectsHighSAsEip2Requires() {
        String raw = "0xf86d8085746a52880082520894c93f2250589a6563f5359051c1ea25746549f0d889208686e75e903bc000801ba034b6fdc3"
                + "3ea520e8123cf5ac4a9ff476f639cab68980cd9366ccae7aef437ea0a0e517caa5f50e27ca0d1e9a92c503b4ccb039680c6d9d0c7"
                + "1203ed611ea4feb33";
        Transaction tx = Transaction.decode(Hex.decode(raw));
        assertNull(tx.chainId());
        assertEquals(Hash.fromHex("0x9e6e19637bb625a8ff3d052b7c2fe57dc78c55a15d258d77c43d5a9c160b0384"), tx.hash());
        assertTrue(tx.s().compareTo(Secp256k1.HALF_N_WORD) > 0);
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class, tx::sender);
        assertTrue(e.getMessage().contains("EIP-2"), e.getMessage());
        // The signature itself is sound: only the low-s rule rejects it.
        assertTrue(Secp256k1.recoverAddress(tx.signingHash().toArray(), tx.recoveryId(), tx.r(), tx.s()) != null);
    }

    @Test
    void signsWithoutChainIdAsBeforeEip155() {
        BigInteger key = BigInteger.valueOf(0xc0ffeeL);
        Transaction tx = Transaction.builder(TransactionType.LEGACY).nonce(1).gasPrice(UInt256.ONE).gasLimit(50_000)
                .data(Hex.decode("0x6000")).build().sign(key);
        assertTrue(tx.v().equals(UInt256.valueOf(27)) || tx.v().equals(UInt256.valueOf(28)));
        assertTrue(tx.isContractCreation());
        Transaction decoded = Transaction.decode(tx.encode());
        assertEquals(tx, decoded);
        assertNull(decoded.chainId());
        assertEquals(Secp256k1.addressOf(key), decoded.sender());
    }
}
