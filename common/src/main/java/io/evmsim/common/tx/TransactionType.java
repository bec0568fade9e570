package io.evmsim.common.tx;

/** The EIP-2718 transaction types, with the type byte that prefixes each typed envelope. */
public enum TransactionType {
    /** The original RLP list, with no type byte; chain id folded into v by EIP-155. */
    LEGACY(0),
    /** EIP-2930: access lists. */
    ACCESS_LIST(1),
    /** EIP-1559: base fee and priority fee. */
    DYNAMIC_FEE(2),
    /** EIP-4844: blob-carrying transactions. */
    BLOB(3),
    /** EIP-7702: set-code transactions with an authorization list. */
    SET_CODE(4);

    private final int typeByte;

    TransactionType(int typeByte) {
        this.typeByte = typeByte;
    }

    public int typeByte() {
        return typeByte;
    }

    /** The typed-envelope type for a type byte; null for 0 (legacy has no type byte) and unknown bytes. */
    public static TransactionType ofEnvelopeByte(int typeByte) {
        for (TransactionType type : values()) {
            if (type != LEGACY && type.typeByte == typeByte) {
                return type;
            }
        }
        return null;
    }
}
