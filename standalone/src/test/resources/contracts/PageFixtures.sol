// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// Refuses more than 10 with a reason: a revert the page shows in words.
contract Vault {
    function withdraw(uint256 amount) external pure {
        require(amount <= 10, "amount exceeds the limit");
    }
}

/// Call trees of a chosen shape: `down(n)` nests n calls, `fan(n)` makes n calls side by side.
contract Recursor {
    function down(uint256 n) external returns (uint256) {
        return n == 0 ? 0 : Recursor(address(this)).down(n - 1) + 1;
    }

    function fan(uint256 n) external {
        for (uint256 i = 0; i < n; i++) {
            this.ping();
        }
    }

    function ping() external {}
}
