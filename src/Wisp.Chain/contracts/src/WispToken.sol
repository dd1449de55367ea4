// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";

/// @title The stake token of a Wisp network ("WISP", 18 decimals).
/// @notice Created by WispRegistry, which is its only minter: node rewards are minted when claimed, and
/// deregistration penalties are burned (ERC20Burnable) from the registry's own balance.
contract WispToken is ERC20, ERC20Burnable {
    /// @notice The registry that created this token; the only address that may mint.
    address public immutable minter;

    error NotMinter(address caller);

    constructor(address initialHolder, uint256 initialSupply) ERC20("Wisp Stake", "WISP") {
        minter = msg.sender;
        _mint(initialHolder, initialSupply);
    }

    /// @notice Mints rewards; the registry only.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _mint(to, amount);
    }
}
