package io.evmsim.evm.assets;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;

/**
 * One kind of value an address can hold: ether, an ERC-20 token, one ERC-721 token, or one id of
 * an ERC-1155 contract.
 *
 * @param kind the standard
 * @param token the token contract; null for ether
 * @param tokenId the token id (ERC-721, ERC-1155); null for ether and ERC-20
 */
public record Asset(AssetKind kind, Address token, UInt256 tokenId) {
    public static final Asset ETHER = new Asset(AssetKind.ETH, null, null);

    public enum AssetKind {
        ETH, ERC20, ERC721, ERC1155
    }
}
