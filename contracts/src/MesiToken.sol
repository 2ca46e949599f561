// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title $MESI, the Mesi Studio platform token
/// @notice A plain ERC-20 with 18 decimals (PRODUCT.md: amounts in MESI are integers of 10^-18 MESI).
/// Only the owner (the platform's treasury key) mints, and never past MAX_SUPPLY, so the supply a fan
/// sees on chain is bounded no matter what the server does. Holders can approve by signature (EIP-2612
/// permit), so escrow and reward contracts can pull funds in one transaction without a prior approve.
/// @dev Kept small on purpose: escrow, rewards and the NFTs live in their own contracts and use this one
/// through the IERC20 interface. There is no burn or pause yet; add them here when a product rule needs them.
contract MesiToken is ERC20, ERC20Permit, ERC20Capped, Ownable {
    /// @notice The most $MESI that can ever exist: one billion tokens, in base units (18 decimals).
    uint256 public constant MAX_SUPPLY = 1_000_000_000 * 10 ** 18;

    /// @param initialOwner The account allowed to mint; it can hand that right on with transferOwnership.
    /// The supply starts at zero: every token in circulation comes from an explicit, logged mint.
    constructor(address initialOwner)
        ERC20("Mesi", "MESI")
        ERC20Permit("Mesi")
        ERC20Capped(MAX_SUPPLY)
        Ownable(initialOwner)
    {}

    /// @notice Creates `amount` base units for `to`. Reverts with OwnableUnauthorizedAccount for anyone
    /// but the owner, and with ERC20ExceededCap when the total supply would pass MAX_SUPPLY.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// @dev ERC20 and ERC20Capped both define _update; the capped one checks the cap after the base
    /// update, which is the behaviour we want, so this only tells the compiler to use the chain.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
