package io.evmsim.worker.preview;

/** The Solidity the preview tests deploy on anvil: tokens of each standard and shape, and their counterparts. */
final class PreviewContracts {
    private PreviewContracts() {
    }

    static final String SOURCE = """
            // SPDX-License-Identifier: MIT
            pragma solidity ^0.8.20;

            abstract contract Balances {
                mapping(address => uint256) public balanceOf;
                mapping(address => mapping(address => uint256)) public allowance;
                event Transfer(address indexed from, address indexed to, uint256 value);
                event Approval(address indexed owner, address indexed spender, uint256 value);
                constructor(uint256 supply) { balanceOf[msg.sender] = supply; emit Transfer(address(0), msg.sender, supply); }
                function move(address to, uint256 value) internal {
                    balanceOf[msg.sender] -= value; balanceOf[to] += value; emit Transfer(msg.sender, to, value);
                }
                function approve(address spender, uint256 value) external returns (bool) {
                    allowance[msg.sender][spender] = value; emit Approval(msg.sender, spender, value); return true;
                }
            }

            /** ERC-20 with string metadata and a custom error. */
            contract StringToken is Balances {
                error InsufficientBalance(address account, uint256 needed, uint256 available);
                string public name = "Test Dollar";
                string public symbol = "TUSD";
                uint8 public decimals = 6;
                constructor(uint256 supply) Balances(supply) {}
                function transfer(address to, uint256 value) external returns (bool) {
                    if (balanceOf[msg.sender] < value) revert InsufficientBalance(msg.sender, value, balanceOf[msg.sender]);
                    move(to, value); return true;
                }
            }

            /** ERC-20 with bytes32 metadata, as MKR's; a require with a message. */
            contract Bytes32Token is Balances {
                bytes32 public name = "Maker";
                bytes32 public symbol = "MKR";
                uint256 public decimals = 18;
                constructor(uint256 supply) Balances(supply) {}
                function transfer(address to, uint256 value) external returns (bool) {
                    require(balanceOf[msg.sender] >= value, "ERC20: transfer amount exceeds balance");
                    move(to, value); return true;
                }
            }

            /** ERC-20 without any of the optional metadata. */
            contract BareToken is Balances {
                constructor(uint256 supply) Balances(supply) {}
                function transfer(address to, uint256 value) external returns (bool) { move(to, value); return true; }
            }

            contract Collection {
                string public name = "Test Collection";
                string public symbol = "TCOL";
                mapping(uint256 => address) public ownerOf;
                event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
                event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
                event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
                constructor() { for (uint256 i = 1; i <= 3; i++) { ownerOf[i] = msg.sender; emit Transfer(address(0), msg.sender, i); } }
                function transferFrom(address from, address to, uint256 id) external {
                    require(ownerOf[id] == from, "not the owner"); ownerOf[id] = to; emit Transfer(from, to, id);
                }
                function approve(address to, uint256 id) external { emit Approval(ownerOf[id], to, id); }
                function setApprovalForAll(address operator, bool approved) external {
                    emit ApprovalForAll(msg.sender, operator, approved);
                }
            }

            contract Items {
                string public name = "Test Items";
                string public symbol = "ITEM";
                mapping(uint256 => mapping(address => uint256)) public balanceOf;
                event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value);
                constructor() { balanceOf[7][msg.sender] = 100; emit TransferSingle(msg.sender, address(0), msg.sender, 7, 100); }
                function safeTransferFrom(address from, address to, uint256 id, uint256 value, bytes calldata) external {
                    balanceOf[id][from] -= value; balanceOf[id][to] += value; emit TransferSingle(msg.sender, from, to, id, value);
                }
            }

            /** Code that takes ERC-721 tokens. */
            contract Receiver {
                function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
                    return 0x150b7a02;
                }
            }

            /** Code that has no way to move a token on. */
            contract Vault {
                uint256 public pings;
                function ping() external { pings++; }
            }

            contract Owned {
                address public owner = msg.sender;
                event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
                function transferOwnership(address next) external { emit OwnershipTransferred(owner, next); owner = next; }
            }

            /** EIP-1967's implementation slot, set directly. */
            contract Proxy {
                function upgradeTo(address implementation) external {
                    assembly { sstore(0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc, implementation) }
                }
            }
            """;
}
