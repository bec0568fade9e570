package io.evmsim.evm.transaction;

/** Why a transaction cannot be included: it is rejected before any execution, nothing changes. */
public enum InvalidReason {
    NONCE_TOO_LOW("nonce too low"),
    NONCE_TOO_HIGH("nonce too high"),
    NONCE_MAX("nonce has reached its maximum (EIP-2681)"),
    INSUFFICIENT_FUNDS("insufficient funds for gas * price + value + blob fees"),
    INTRINSIC_GAS_TOO_LOW("gas limit below the intrinsic gas"),
    FLOOR_GAS_TOO_LOW("gas limit below the calldata floor (EIP-7623)"),
    GAS_LIMIT_ABOVE_BLOCK("gas limit above the block gas limit"),
    GAS_LIMIT_ABOVE_CAP("gas limit above the transaction gas cap (EIP-7825)"),
    FEE_CAP_BELOW_BASE_FEE("max fee per gas below the block base fee"),
    TIP_ABOVE_FEE_CAP("max priority fee per gas above max fee per gas"),
    BLOB_FEE_CAP_BELOW_BLOB_BASE_FEE("max fee per blob gas below the blob base fee"),
    SENDER_NOT_EOA("sender has code (EIP-3607)"),
    INITCODE_TOO_LARGE("initcode larger than allowed (EIP-3860)"),
    CREATE_NOT_ALLOWED("this transaction type cannot create a contract"),
    NO_BLOBS("blob transaction without blobs"),
    TOO_MANY_BLOBS("too many blobs"),
    INVALID_BLOB_VERSION("blob versioned hash with an unknown version"),
    EMPTY_AUTHORIZATION_LIST("set-code transaction without authorizations"),
    TYPE_NOT_SUPPORTED("transaction type not active in this fork");

    private final String description;

    InvalidReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
