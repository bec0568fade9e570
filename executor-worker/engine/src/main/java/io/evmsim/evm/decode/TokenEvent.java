package io.evmsim.evm.decode;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.List;

/**
 * A token standard's event, decoded from a log: ERC-20 and ERC-721 {@code Transfer} and
 * {@code Approval} (told apart by whether the third argument is indexed), {@code ApprovalForAll}
 * (ERC-721 and ERC-1155), and ERC-1155 {@code TransferSingle} and {@code TransferBatch}.
 */
public sealed interface TokenEvent {
    /** The contract that emitted the event. */
    Address token();

    /** {@code Transfer(address indexed from, address indexed to, uint256 value)}. */
    record Erc20Transfer(Address token, Address from, Address to, UInt256 amount) implements TokenEvent {
    }

    /** {@code Transfer(address indexed from, address indexed to, uint256 indexed tokenId)}. */
    record Erc721Transfer(Address token, Address from, Address to, UInt256 tokenId) implements TokenEvent {
    }

    /** {@code Approval(address indexed owner, address indexed spender, uint256 value)}. */
    record Erc20Approval(Address token, Address owner, Address spender, UInt256 amount) implements TokenEvent {
    }

    /** {@code Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)}. */
    record Erc721Approval(Address token, Address owner, Address approved, UInt256 tokenId) implements TokenEvent {
    }

    /** {@code ApprovalForAll(address indexed owner, address indexed operator, bool approved)}. */
    record ApprovalForAll(Address token, Address owner, Address operator, boolean approved) implements TokenEvent {
    }

    /**
     * ERC-1155 {@code TransferSingle} (one id) or {@code TransferBatch} (ids and values pairwise).
     *
     * @param batch whether it came from {@code TransferBatch}
     */
    record Erc1155Transfer(Address token, Address operator, Address from, Address to, List<UInt256> ids,
            List<UInt256> amounts, boolean batch) implements TokenEvent {
    }
}
