package io.evmsim.common.trie;

/** A Merkle proof that does not prove anything about its key under the given root. */
public class InvalidProofException extends RuntimeException {
    public InvalidProofException(String message) {
        super(message);
    }

    public InvalidProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
