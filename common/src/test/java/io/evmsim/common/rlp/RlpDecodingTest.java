package io.evmsim.common.rlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.UInt256;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RlpDecodingTest {
    @Test
    void decodesStringsAndSingleBytes() {
        RlpItem dog = decode("0x83646f67");
        assertFalse(dog.isList());
        assertEquals("0x646f67", Hex.encode(dog.bytes()));
        assertArrayEquals(new byte[] {0x7f}, decode("0x7f").bytes());
        assertTrue(decode("0x80").isEmptyString());
    }

    @Test
    void decodesNestedLists() {
        RlpItem three = decode("0xc7c0c1c0c3c0c1c0");
        assertTrue(three.isList());
        assertEquals(3, three.size());
        assertEquals(0, three.get(0).size());
        assertEquals(1, three.get(1).size());
        assertEquals(2, three.get(2).size());
        assertEquals("0xc3c0c1c0", Hex.encode(three.get(2).encoded()));
    }

    @Test
    void decodesNumbers() {
        assertEquals(0, decode("0x80").asLong());
        assertEquals(15, decode("0x0f").asLong());
        assertEquals(1024, decode("0x820400").asLong());
        assertEquals(-1L, decode("0x88ffffffffffffffff").asUnsignedLong());
        assertEquals(UInt256.MAX, decode("0xa0" + "ff".repeat(32)).asUInt256());
    }

    @Test
    void rejectsNumbersThatAreNotMinimalOrTooLarge() {
        assertMessage("leading zero", () -> decode("0x820004").asLong());
        assertMessage("leading zero", () -> decode("0x00").asUInt256());
        assertMessage("exceeds 2^63-1", () -> decode("0x88ffffffffffffffff").asLong());
        assertMessage("exceeds 8 bytes", () -> decode("0x89010000000000000000").asUnsignedLong());
        assertMessage("exceeds 32 bytes", () -> decode("0xa1" + "01".repeat(33)).asUInt256());
        assertMessage("expected a byte string", () -> decode("0xc0").asLong());
    }

    @Test
    void rejectsNonCanonicalEncodings() {
        assertMessage("non-canonical single byte 0x7f", () -> decode("0x817f"));
        assertMessage("non-canonical single byte 0x00", () -> decode("0x8100"));
        assertMessage("non-canonical long form", () -> decode("0xb803646f67"));
        assertMessage("non-canonical long form", () -> decode("0xf803c0c0c0"));
        assertMessage("leading zero", () -> decode("0xb90038" + "00".repeat(56)));
    }

    @Test
    void rejectsTruncatedAndTrailingInput() {
        assertMessage("empty input", () -> decode("0x"));
        assertMessage("runs past the end", () -> decode("0x83646f"));
        assertMessage("runs past the end", () -> decode("0xb9"));
        assertMessage("runs past the end", () -> decode("0xb838" + "61".repeat(55)));
        assertMessage("runs past the end", () -> decode("0xc2836162"));
        // The inner item claims more bytes than its list holds.
        assertMessage("runs past the end", () -> decode("0xc283646f6767"));
        assertMessage("1 trailing bytes", () -> decode("0x83646f6767"));
        assertMessage("2 trailing bytes", () -> decode("0xc0c0c0"));
    }

    @Test
    void limitsNestingDepth() {
        byte[] nested = Rlp.EMPTY_LIST;
        for (int i = 0; i < RlpDecoder.MAX_NESTING; i++) {
            nested = Rlp.encodeList(nested);
        }
        RlpDecoder.decode(nested);
        byte[] tooDeep = Rlp.encodeList(nested);
        assertMessage("nested more than 256 deep", () -> RlpDecoder.decode(tooDeep));
    }

    @Test
    void reportsTheWrongShapeClearly() {
        assertMessage("expected a list", () -> decode("0x80").items());
        assertMessage("an address has 20 bytes, got 3", () -> decode("0x83646f67").asAddress());
    }

    @Test
    void randomNestedStructuresRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] encoded = randomItem(random, 0);
            assertArrayEquals(encoded, reencode(RlpDecoder.decode(encoded)));
        }
    }

    private static byte[] randomItem(Random random, int depth) {
        if (depth < 4 && random.nextInt(3) == 0) {
            List<byte[]> items = new ArrayList<>();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                items.add(randomItem(random, depth + 1));
            }
            return Rlp.encodeList(items);
        }
        byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(3)];
        random.nextBytes(bytes);
        return Rlp.encodeBytes(bytes);
    }

    private static byte[] reencode(RlpItem item) {
        if (!item.isList()) {
            return Rlp.encodeBytes(item.bytes());
        }
        List<byte[]> items = new ArrayList<>();
        for (RlpItem child : item.items()) {
            items.add(reencode(child));
        }
        return Rlp.encodeList(items);
    }

    private static RlpItem decode(String hex) {
        return RlpDecoder.decode(Hex.decode(hex));
    }

    private static void assertMessage(String expectedFragment, org.junit.jupiter.api.function.Executable action) {
        RuntimeException e = assertThrows(RuntimeException.class, action);
        assertTrue(e.getMessage().contains(expectedFragment), () -> "message was: " + e.getMessage());
    }
}
