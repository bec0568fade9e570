package io.evmsim.evm.decode;

import io.evmsim.common.types.UInt256;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a REVERT's data says, decoded as Solidity encodes it: {@code Error(string)} from
 * {@code require} and {@code revert("...")}, {@code Panic(uint256)} from compiler checks, or a
 * custom error (its 4-byte selector and raw arguments).
 */
public sealed interface RevertReason {
    /** {@code bytes4(keccak256("Error(string)"))}. */
    int ERROR_SELECTOR = 0x08c379a0;
    /** {@code bytes4(keccak256("Panic(uint256)"))}. */
    int PANIC_SELECTOR = 0x4e487b71;

    /**
     * The text geth writes as {@code revertReason} ({@code abi.UnpackRevert}): the message, the
     * panic's meaning, or null for a custom error.
     */
    String text();

    /** {@code Error(string)}. */
    record ErrorMessage(String message) implements RevertReason {
        @Override
        public String text() {
            return message;
        }
    }

    /** {@code Panic(uint256)}, with the meaning of the code (see {@link PanicCode}). */
    record Panic(UInt256 code) implements RevertReason {
        public String meaning() {
            return PanicCode.meaning(code);
        }

        @Override
        public String text() {
            return meaning();
        }
    }

    /** Any other data of at least four bytes: a custom error's selector and its ABI-encoded arguments. */
    record CustomError(byte[] selector, byte[] arguments) implements RevertReason {
        public String selectorHex() {
            return "0x" + HexFormat.of().formatHex(selector);
        }

        @Override
        public String text() {
            return null;
        }
    }

    /**
     * Decodes revert data; null when it is shorter than a selector, or when it claims to be
     * {@code Error(string)} or {@code Panic(uint256)} but is not well-formed ABI (geth then gives
     * no reason either).
     */
    static RevertReason decode(byte[] data) {
        if (data == null || data.length < 4) {
            return null;
        }
        int selector = ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        byte[] body = Arrays.copyOfRange(data, 4, data.length);
        if (selector == ERROR_SELECTOR) {
            String message = AbiWords.string(body, 0);
            return message == null ? null : new ErrorMessage(message);
        }
        if (selector == PANIC_SELECTOR) {
            return body.length < 32 ? null : new Panic(UInt256.fromBytes(body, 0, 32));
        }
        return new CustomError(Arrays.copyOfRange(data, 0, 4), body);
    }
}
