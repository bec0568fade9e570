package io.evmsim.common.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ABI decoding against encodings written out by hand from the specification's examples. */
class AbiDecoderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String word(long value) {
        return String.format("%064x", value);
    }

    @Test
    void theSpecificationsDynamicExampleDecodes() {
        // f(uint256,uint32[],bytes10,bytes) with (0x123, [0x456, 0x789], "1234567890", "Hello, world!")
        Abi abi = Abi.parse(JSON.readTree("""
                [{"type":"function","name":"f","inputs":[{"name":"a","type":"uint256"},{"name":"b","type":"uint32[]"},
                 {"name":"c","type":"bytes10"},{"name":"d","type":"bytes"}]}]"""));
        String input = "0x8be65246" + word(0x123) + word(0x80) + "3132333435363738393000000000000000000000000000000000000000000000"
                + word(0xe0) + word(2) + word(0x456) + word(0x789) + word(13)
                + "48656c6c6f2c20776f726c642100000000000000000000000000000000000000";
        JsonNode decoded = new Abis(Map.of(Address.fromLong(1), abi)).call(Address.fromLong(1), Hex.decode(input));
        assertEquals("f(uint256,uint32[],bytes10,bytes)", decoded.get("signature").asString());
        JsonNode args = decoded.get("arguments");
        assertEquals("291", args.at("/0/value").asString());
        assertEquals("[\"1110\",\"1929\"]", args.at("/1/value").toString());
        assertEquals("0x31323334353637383930", args.at("/2/value").asString());
        assertEquals("0x48656c6c6f2c20776f726c6421", args.at("/3/value").asString());
    }

    @Test
    void tuplesStringsAndSignedIntegersDecode() {
        Abi abi = Abi.parse(JSON.readTree("""
                [{"type":"error","name":"Bad","inputs":[{"name":"p","type":"tuple","components":[
                  {"name":"who","type":"address"},{"name":"delta","type":"int8"}]},{"name":"why","type":"string"}]}]"""));
        AbiEntry error = abi.error(Hex.decode("0x" + Hex.encodeBare(
                Keccak.hash("Bad((address,int8),string)".getBytes(StandardCharsets.US_ASCII)).toArray(), 0, 4)));
        String data = Hex.encode(error.selector()) + word(0xabc)
                + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80" + word(0x60) + word(2) + "6869"
                + "0".repeat(60);
        JsonNode decoded = AbiDecoder.withSelector(error, Hex.decode(data));
        assertEquals("[{\"name\":\"who\",\"type\":\"address\",\"value\":\"0x0000000000000000000000000000000000000abc\"},"
                + "{\"name\":\"delta\",\"type\":\"int8\",\"value\":\"-128\"}]", decoded.at("/arguments/0/value").toString());
        assertEquals("hi", decoded.at("/arguments/1/value").asString());
    }

    @Test
    void malformedDataDecodesToNothing() {
        Abi abi = Abi.parse(JSON.readTree("""
                [{"type":"function","name":"g","inputs":[{"name":"s","type":"string"}]}]"""));
        AbiEntry g = abi.function(AbiEntry.readable(AbiEntry.Kind.FUNCTION, "g(string s)").selector());
        String selector = Hex.encode(g.selector());
        assertNull(AbiDecoder.withSelector(g, Hex.decode(selector + word(0x20) + word(1_000))), "length past the end");
        assertNull(AbiDecoder.withSelector(g, Hex.decode(selector + word(0x20))), "no length word");
        assertNull(AbiDecoder.withSelector(g, Hex.decode(selector + word(0x20) + word(2) + "ff" + "0".repeat(62))),
                "not UTF-8");
        AbiEntry uint8 = AbiEntry.readable(AbiEntry.Kind.FUNCTION, "h(uint8 x)");
        assertNull(AbiDecoder.withSelector(uint8, Hex.decode(Hex.encode(uint8.selector()) + word(256))), "over 8 bits");
    }

    @Test
    void standardEventsAreToldApartByTheirIndexedArguments() {
        Hash transfer = Keccak.hash("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII));
        Hash from = Hash.fromHex("0x" + word(1));
        Hash to = Hash.fromHex("0x" + word(2));
        JsonNode erc20 = Abis.STANDARD.event(Address.fromLong(9), List.of(transfer, from, to), Hex.decode("0x" + word(5)));
        assertEquals("value", erc20.at("/arguments/2/name").asString());
        JsonNode erc721 = Abis.STANDARD.event(Address.fromLong(9), List.of(transfer, from, to,
                Hash.fromHex("0x" + word(7))), new byte[0]);
        assertEquals("tokenId", erc721.at("/arguments/2/name").asString());
        assertEquals("7", erc721.at("/arguments/2/value").asString());
    }

    @Test
    void aMalformedAbiIsRefusedNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Abi.parse(JSON.readTree("""
                [{"type":"event","name":"E","inputs":[]},{"type":"function","name":"f","inputs":[{"type":"uint7"}]}]""")));
        assertEquals("[1].inputs[0].type: not an ABI type: uint7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Abi.parse(JSON.readTree("{}")));
        assertTrue(e.getMessage().startsWith(": must be an array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Abi.parse(JSON.readTree("""
                [{"type":"function","name":"1f"}]""")));
        assertEquals("[0].name: not an identifier: 1f", e.getMessage());
    }
}
