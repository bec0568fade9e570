// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

interface IToken {
    function balanceOf(address holder) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/** A constant-product pair in Uniswap V2's shape: reserves, sync, and swap checked by balances (0.3% fee). */
contract Pair {
    address public immutable token0;
    address public immutable token1;
    uint112 private reserve0;
    uint112 private reserve1;
    event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to);
    event Sync(uint112 reserve0, uint112 reserve1);

    constructor(address a, address b) {
        token0 = a;
        token1 = b;
    }

    function getReserves() external view returns (uint112, uint112) {
        return (reserve0, reserve1);
    }

    function sync() public {
        reserve0 = uint112(IToken(token0).balanceOf(address(this)));
        reserve1 = uint112(IToken(token1).balanceOf(address(this)));
        emit Sync(reserve0, reserve1);
    }

    function swap(uint256 amount0Out, uint256 amount1Out, address to) external {
        if (amount0Out > 0) IToken(token0).transfer(to, amount0Out);
        if (amount1Out > 0) IToken(token1).transfer(to, amount1Out);
        uint256 balance0 = IToken(token0).balanceOf(address(this));
        uint256 balance1 = IToken(token1).balanceOf(address(this));
        uint256 in0 = balance0 > reserve0 - amount0Out ? balance0 - (reserve0 - amount0Out) : 0;
        uint256 in1 = balance1 > reserve1 - amount1Out ? balance1 - (reserve1 - amount1Out) : 0;
        require(in0 > 0 || in1 > 0, "no input");
        require((balance0 * 1000 - in0 * 3) * (balance1 * 1000 - in1 * 3) >= uint256(reserve0) * reserve1 * 1000 ** 2, "K");
        reserve0 = uint112(balance0);
        reserve1 = uint112(balance1);
        emit Swap(msg.sender, in0, in1, amount0Out, amount1Out, to);
        emit Sync(reserve0, reserve1);
    }
}

/** Swaps an exact input through one pair, as Uniswap V2's router does. */
contract SwapRouter {
    function swapExactIn(Pair pair, address tokenIn, uint256 amountIn, address to) external returns (uint256 out) {
        (uint112 r0, uint112 r1) = pair.getReserves();
        bool zeroIn = tokenIn == pair.token0();
        (uint256 reserveIn, uint256 reserveOut) = zeroIn ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 inWithFee = amountIn * 997;
        out = inWithFee * reserveOut / (reserveIn * 1000 + inWithFee);
        IToken(tokenIn).transferFrom(msg.sender, address(pair), amountIn);
        pair.swap(zeroIn ? 0 : out, zeroIn ? out : 0, to);
    }
}
