package io.evmsim.common.abi;

import io.evmsim.common.abi.AbiEntry.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The interfaces every wallet knows, decoded without an ABI from the client: ERC-20 (EIP-20),
 * ERC-721 (EIP-721), ERC-1155 (EIP-1155), WETH9, EIP-1967 proxies and their upgrades, Ownable, and
 * Solidity's own {@code Error(string)} and {@code Panic(uint256)}.
 */
public final class StandardAbis {
    public static final Abi ALL = new Abi(entries());

    private StandardAbis() {
    }

    private static List<AbiEntry> entries() {
        List<AbiEntry> all = new ArrayList<>();
        for (String function : List.of(
                // ERC-20
                "transfer(address to, uint256 amount) returns (bool)",
                "transferFrom(address from, address to, uint256 amount) returns (bool)",
                "approve(address spender, uint256 amount) returns (bool)",
                "balanceOf(address owner) returns (uint256)",
                "allowance(address owner, address spender) returns (uint256)",
                "totalSupply() returns (uint256)",
                "decimals() returns (uint8)",
                // ERC-721
                "safeTransferFrom(address from, address to, uint256 tokenId)",
                "safeTransferFrom(address from, address to, uint256 tokenId, bytes data)",
                "setApprovalForAll(address operator, bool approved)",
                "isApprovedForAll(address owner, address operator) returns (bool)",
                "ownerOf(uint256 tokenId) returns (address)",
                "getApproved(uint256 tokenId) returns (address)",
                "onERC721Received(address operator, address from, uint256 tokenId, bytes data) returns (bytes4)",
                // ERC-1155
                "safeTransferFrom(address from, address to, uint256 id, uint256 amount, bytes data)",
                "safeBatchTransferFrom(address from, address to, uint256[] ids, uint256[] amounts, bytes data)",
                "balanceOfBatch(address[] owners, uint256[] ids) returns (uint256[])",
                "onERC1155Received(address operator, address from, uint256 id, uint256 value, bytes data) returns (bytes4)",
                // WETH9
                "deposit()",
                "withdraw(uint256 amount)",
                // EIP-1967 proxies (OpenZeppelin's UUPS and transparent proxies)
                "upgradeTo(address newImplementation)",
                "upgradeToAndCall(address newImplementation, bytes data)",
                "changeAdmin(address newAdmin)",
                // Ownable
                "transferOwnership(address newOwner)",
                "renounceOwnership()")) {
            all.add(AbiEntry.readable(Kind.FUNCTION, function));
        }
        for (String event : List.of(
                "Transfer(address indexed from, address indexed to, uint256 value)",
                "Transfer(address indexed from, address indexed to, uint256 indexed tokenId)",
                "Approval(address indexed owner, address indexed spender, uint256 value)",
                "Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)",
                "ApprovalForAll(address indexed owner, address indexed operator, bool approved)",
                "TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)",
                "TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)",
                "Deposit(address indexed dst, uint256 wad)",
                "Withdrawal(address indexed src, uint256 wad)",
                "Upgraded(address indexed implementation)",
                "AdminChanged(address previousAdmin, address newAdmin)",
                "BeaconUpgraded(address indexed beacon)",
                "OwnershipTransferred(address indexed previousOwner, address indexed newOwner)")) {
            all.add(AbiEntry.readable(Kind.EVENT, event));
        }
        all.add(AbiEntry.readable(Kind.ERROR, "Error(string message)"));
        all.add(AbiEntry.readable(Kind.ERROR, "Panic(uint256 code)"));
        return all;
    }
}
