package io.evmsim.common.tx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TransactionRejectionTest {
    private static final BigInteger KEY = BigInteger.valueOf(0xbadL);

    @Test
    void rejectsUnknownOrMissingEnvelopes() {
        assertMessage("empty transaction", () -> Transaction.decode(new byte[0]));
        assertMessage("unsupported transaction type 0x05", () -> Transaction.decode(Hex.decode("0x05c0")));
        assertMessage("unsupported transaction type 0x00", () -> Transaction.decode(Hex.decode("0x00c0")));
        assertMessage("neither a type nor an RLP list", () -> Transaction.decode(Hex.decode("0x80")));
        assertMessage("no payload", () -> Transaction.decode(Hex.decode("0x02")));
    }

    @Test
    void rejectsWrongFieldCountsAndTrailingBytes() {
        assertMessage("list of 12 fields, got 3", () -> Transaction.decode(Hex.decode("0x02c3010203")));
        assertMessage("list of 9 fields, got 0", () -> Transaction.decode(Hex.decode("0xc0")));
        byte[] valid = dynamicFee().encode();
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        assertMessage("trailing bytes", () -> Transaction.decode(trailing));
        byte[] truncated = Arrays.copyOf(valid, valid.length - 1);
        assertMessage("runs past the end", () -> Transaction.decode(truncated));
    }

    @Test
    void namesTheMalformedField() {
        List<byte[]> fields = legacyFields();
        fields.set(0, Hex.decode("0x820001"));
        assertMessage("field 'nonce': non-canonical number", () -> Transaction.decode(Rlp.encodeList(fields)));
        List<byte[]> badTo = legacyFields();
        badTo.set(3, Rlp.encodeBytes(new byte[19]));
        assertMessage("field 'to': an address has 20 bytes, got 19", () -> Transaction.decode(Rlp.encodeList(badTo)));
        List<byte[]> hugeNonce = legacyFields();
        hugeNonce.set(0, Rlp.encodeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertMessage("field 'nonce': number of 9 bytes", () -> Transaction.decode(Rlp.encodeList(hugeNonce)));
    }

    @Test
    void rejectsLegacyVWithoutMeaning() {
        List<byte[]> fields = legacyFields();
        fields.set(6, Rlp.encodeLong(29));
        assertMessage("legacy v must be 27, 28 or chainId * 2 + 35/36", () -> Transaction.decode(Rlp.encodeList(fields)));
    }

    @Test
    void rejectsBlobAndSetCodeTransactionsWithoutRecipient() {
        Transaction blob = Transaction.builder(TransactionType.BLOB).chainId(1).maxPriorityFeePerGas(UInt256.ONE)
                .maxFeePerGas(UInt256.ONE).maxFeePerBlobGas(UInt256.ONE).to(Address.ZERO).build().sign(KEY);
        byte[] encoded = blob.encode();
        // Replace the 21-byte recipient (0x94 + 20 zero bytes) with the empty string 0x80.
        String hex = Hex.encode(encoded).replace("94" + "00".repeat(20), "80");
        byte[] withoutRecipient = Hex.decode(hex);
        withoutRecipient[2] -= 20; // the payload's short-list length
        assertMessage("cannot create a contract", () -> Transaction.decode(withoutRecipient));
        assertThrows(IllegalArgumentException.class, () -> Transaction.builder(TransactionType.SET_CODE).chainId(1)
                .maxPriorityFeePerGas(UInt256.ONE).maxFeePerGas(UInt256.ONE).build());
    }

    @Test
    void builderEnforcesEachTypesFields() {
        assertMessage("has a gas price", () -> Transaction.builder(TransactionType.LEGACY).build());
        assertMessage("has a chain id", () -> Transaction.builder(TransactionType.DYNAMIC_FEE).build());
        assertMessage("has no gas price", () -> Transaction.builder(TransactionType.DYNAMIC_FEE).chainId(1)
                .gasPrice(UInt256.ONE).maxFeePerGas(UInt256.ONE).maxPriorityFeePerGas(UInt256.ONE).build());
    }

    @Test
    void senderRejectsInvalidSignatures() {
        Transaction tx = dynamicFee();
        assertMessage("gives no recovery id", () -> tx.withSignature(UInt256.valueOf(2), tx.r(), tx.s()).sender());
        assertMessage("EIP-2", () -> tx.withSignature(tx.v(), tx.r(), UInt256.MAX).sender());
        assertMessage("recover no public key", () -> tx.withSignature(tx.v(), UInt256.ZERO, tx.s()).sender());
        Transaction unsigned = Transaction.builder(TransactionType.LEGACY).gasPrice(UInt256.ONE).build();
        assertMessage("not signed", unsigned::sender);
        assertThrows(IllegalStateException.class, unsigned::encode);
    }

    private static Transaction dynamicFee() {
        return Transaction.builder(TransactionType.DYNAMIC_FEE).chainId(1).maxPriorityFeePerGas(UInt256.ONE)
                .maxFeePerGas(UInt256.ONE).gasLimit(21_000).to(Address.fromLong(1)).build().sign(KEY);
    }

    private static List<byte[]> legacyFields() {
        List<byte[]> fields = new ArrayList<>();
        fields.add(Rlp.encodeLong(1));
        fields.add(Rlp.encodeLong(1));
        fields.add(Rlp.encodeLong(21_000));
        fields.add(Rlp.encodeAddress(Address.fromLong(1)));
        fields.add(Rlp.encodeLong(0));
        fields.add(Rlp.EMPTY_STRING);
        fields.add(Rlp.encodeLong(27));
        fields.add(Rlp.encodeLong(1));
        fields.add(Rlp.encodeLong(1));
        return fields;
    }

    private static void assertMessage(String expectedFragment, Executable action) {
        RuntimeException e = assertThrows(RuntimeException.class, action);
        assertTrue(e.getMessage().contains(expectedFragment), () -> "message was: " + e.getMessage());
    }
}
