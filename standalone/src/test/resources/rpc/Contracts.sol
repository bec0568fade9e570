// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

contract Token {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    error InsufficientBalance(uint256 have, uint256 want);

    constructor() {
        balanceOf[msg.sender] = 1_000_000 ether;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        move(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        move(from, to, amount);
        return true;
    }

    function move(address from, address to, uint256 amount) private {
        uint256 have = balanceOf[from];
        if (have < amount) revert InsufficientBalance(have, amount);
        balanceOf[from] = have - amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}

/** Forwards a call and pays part of the value on, so traces have nested frames and transfers. */
contract Router {
    event Routed(address target, uint256 value);

    function route(address target, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory out) = target.call{value: msg.value / 2}(data);
        require(ok, "inner call failed");
        emit Routed(target, msg.value / 2);
        return out;
    }

    function recover(bytes32 hash, uint8 v, bytes32 r, bytes32 s) external pure returns (address) {
        return ecrecover(hash, v, r, s);
    }
}

/** The code an EIP-7702 account delegates to: it answers with its own address and balance. */
contract Delegate {
    event Pinged(address self);

    function ping() external returns (address, uint256) {
        emit Pinged(address(this));
        return (address(this), address(this).balance);
    }
}
