package io.evmsim.evm.interpreter;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;

/**
 * What every frame of one transaction shares: ORIGIN, GASPRICE (the effective price) and the blob
 * hashes BLOBHASH reads.
 */
public record TransactionContext(Address origin, UInt256 gasPrice, List<Hash> blobHashes) {
}
