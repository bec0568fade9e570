package io.evmsim.common.rlp;

/** Malformed or non-canonical RLP; the message says what is wrong and at which byte offset. */
public class RlpException extends RuntimeException {
    public RlpException(String message) {
        super(message);
    }
}
