package io.evmsim.statecache.proof;

/** An upstream proof did not verify: the read is refused, never served. */
public class ProofVerificationException extends RuntimeException {
    /** Which trie the failed proof was for. */
    public enum Kind {
        ACCOUNT, STORAGE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;

    public ProofVerificationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
