package io.evmsim.evm.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.UInt256;
import org.junit.jupiter.api.Test;

/** Revert data as Solidity encodes it; the vectors are solc's own encodings. */
class RevertReasonTest {
    @Test
    void errorString() {
        // require(false, "Ownable: caller is not the owner")
        byte[] data = Hex.decode("0x08c379a0"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "4f776e61626c653a2063616c6c6572206973206e6f7420746865206f776e6572");
        RevertReason reason = RevertReason.decode(data);
        assertEquals(new RevertReason.ErrorMessage("Ownable: caller is not the owner"), reason);
        assertEquals("Ownable: caller is not the owner", reason.text());
    }

    @Test
    void panicCodesHaveTheirMeaning() {
        assertEquals("assert(false)", panic(1).text());
        assertEquals("arithmetic underflow or overflow", panic(0x11).text());
        assertEquals("division or modulo by zero", panic(0x12).text());
        assertEquals("enum overflow", panic(0x21).text());
        assertEquals("out-of-bounds access of an array or bytesN", panic(0x32).text());
        assertEquals("out of memory", panic(0x41).text());
        assertEquals("uninitialized function", panic(0x51).text());
        assertEquals("unknown panic code: 0x99", panic(0x99).text());
    }

    private static RevertReason panic(long code) {
        byte[] data = new byte[36];
        System.arraycopy(Hex.decode("0x4e487b71"), 0, data, 0, 4);
        UInt256.valueOf(code).writeTo(data, 4);
        return assertInstanceOf(RevertReason.Panic.class, RevertReason.decode(data));
    }

    @Test
    void customErrorKeepsSelectorAndArguments() {
        // error InsufficientBalance(uint256 available, uint256 required): selector 0xcf479181
        byte[] data = Hex.decode("0xcf479181"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "0000000000000000000000000000000000000000000000000000000000000002");
        RevertReason.CustomError custom = assertInstanceOf(RevertReason.CustomError.class, RevertReason.decode(data));
        assertEquals("0xcf479181", custom.selectorHex());
        assertEquals(64, custom.arguments().length);
        assertNull(custom.text(), "geth gives no revertReason for a custom error");
    }

    @Test
    void malformedOrShortDataHasNoReason() {
        assertNull(RevertReason.decode(new byte[0]));
        assertNull(RevertReason.decode(Hex.decode("0x08c379")));
        // Error(string) whose length runs past the data
        assertNull(RevertReason.decode(Hex.decode("0x08c379a0"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "00000000000000000000000000000000000000000000000000000000000000ff")));
        assertNull(RevertReason.decode(Hex.decode("0x4e487b71")), "a panic without its code");
        RevertReason nearMiss = RevertReason.decode(Hex.decode("0x08c379a1"));
        assertArrayEquals(Hex.decode("0x08c379a1"), assertInstanceOf(RevertReason.CustomError.class, nearMiss)
                .selector(), "any other selector is a custom error");
    }
}
