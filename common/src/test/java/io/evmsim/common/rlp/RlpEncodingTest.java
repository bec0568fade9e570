package io.evmsim.common.rlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors from the ethereum/tests RLPTests/rlptest.json file and the Yellow Paper's examples. */
class RlpEncodingTest {
    @Test
    void encodesStrings() {
        assertEncoded("0x80", Rlp.encodeBytes(new byte[0]));
        assertEncoded("0x83646f67", Rlp.encodeBytes(ascii("dog")));
        assertEncoded("0x00", Rlp.encodeBytes(new byte[] {0}));
        assertEncoded("0x7f", Rlp.encodeBytes(new byte[] {0x7f}));
        assertEncoded("0x8180", Rlp.encodeBytes(new byte[] {(byte) 0x80}));
        String lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
        assertEncoded("0xb838" + Hex.encodeBare(ascii(lorem), 0, 56), Rlp.encodeBytes(ascii(lorem)));
    }

    @Test
    void encodesLengthsAcrossTheShortLongBoundary() {
        assertEquals(0xb7, Rlp.encodeBytes(new byte[55])[0] & 0xff);
        assertEncoded("0xb838", java.util.Arrays.copyOf(Rlp.encodeBytes(new byte[56]), 2));
        assertEncoded("0xb90100", java.util.Arrays.copyOf(Rlp.encodeBytes(new byte[256]), 3));
        assertEncoded("0xba010000", java.util.Arrays.copyOf(Rlp.encodeBytes(new byte[65536]), 4));
    }

    @Test
    void encodesNumbersAsMinimalBigEndian() {
        assertEncoded("0x80", Rlp.encodeLong(0));
        assertEncoded("0x01", Rlp.encodeLong(1));
        assertEncoded("0x0f", Rlp.encodeLong(15));
        assertEncoded("0x7f", Rlp.encodeLong(127));
        assertEncoded("0x8180", Rlp.encodeLong(128));
        assertEncoded("0x820400", Rlp.encodeLong(1024));
        assertEncoded("0x83100000", Rlp.encodeLong(0x100000));
        assertEncoded("0x887fffffffffffffff", Rlp.encodeLong(Long.MAX_VALUE));
        assertEncoded("0x88ffffffffffffffff", Rlp.encodeUnsignedLong(-1L));
        assertThrows(IllegalArgumentException.class, () -> Rlp.encodeLong(-1));
    }

    @Test
    void encodesUInt256() {
        assertEncoded("0x80", Rlp.encodeUInt256(UInt256.ZERO));
        assertEncoded("0x820400", Rlp.encodeUInt256(UInt256.valueOf(1024)));
        assertEncoded("0x89010000000000000000", Rlp.encodeUInt256(UInt256.parse("0x010000000000000000")));
        assertEncoded("0xa0" + "ff".repeat(32), Rlp.encodeUInt256(UInt256.MAX));
        assertEncoded("0x8f102030405060708090a0b0c0d0e0f2",
                Rlp.encodeUInt256(UInt256.parse("0x102030405060708090a0b0c0d0e0f2")));
    }

    @Test
    void encodesLists() {
        assertEncoded("0xc0", Rlp.encodeList(List.of()));
        assertEncoded("0xc88363617483646f67", Rlp.encodeList(Rlp.encodeBytes(ascii("cat")), Rlp.encodeBytes(ascii("dog"))));
        byte[] empty = Rlp.encodeList();
        byte[] nested = Rlp.encodeList(empty);
        // The set-theoretical representation of three: [ [], [[]], [ [], [[]] ] ].
        assertEncoded("0xc7c0c1c0c3c0c1c0", Rlp.encodeList(empty, nested, Rlp.encodeList(empty, nested)));
        byte[] lorem = Rlp.encodeBytes(ascii("Lorem ipsum dolor sit amet, consectetur adipisicing elit"));
        assertEncoded("0xf83e83636174", java.util.Arrays.copyOf(Rlp.encodeList(Rlp.encodeBytes(ascii("cat")), lorem), 6));
    }

    @Test
    void encodesAddressesAsTwentyByteStrings() {
        Address address = Address.fromHex("0x3535353535353535353535353535353535353535");
        assertEncoded("0x94" + "35".repeat(20), Rlp.encodeAddress(address));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertEncoded(String expectedHex, byte[] actual) {
        assertEquals(expectedHex, Hex.encode(actual));
    }
}
