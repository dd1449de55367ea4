// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The quorum draw of a round, as docs/PROTOCOL.md ("Staked registry") words it, so that nodes can draw the
/// same members off-chain.
library QuorumDraw {
    /// @notice The whole list when it has at most `size` entries; else `size` indices, the j-th from
    /// uint256(keccak256(abi.encode(seed, j))) mod n, each moved forward (mod n) past indices already chosen.
    function draw(bytes32 seed, bytes32[] storage list, uint256 size) internal view returns (bytes32[] memory members) {
        uint256 n = list.length;
        if (n <= size) return list;
        members = new bytes32[](size);
        uint256[] memory chosen = new uint256[](size);
        for (uint256 j = 0; j < size; ++j) {
            uint256 i = uint256(keccak256(abi.encode(seed, j))) % n;
            while (_contains(chosen, j, i)) {
                i = (i + 1) % n;
            }
            chosen[j] = i;
            members[j] = list[i];
        }
    }

    /// @notice ceil(q * threshold / size): 7 of a full quorum of 10, the same fraction of a smaller network.
    function required(uint256 q, uint256 threshold, uint256 size) internal pure returns (uint256) {
        return (q * threshold + size - 1) / size;
    }

    function _contains(uint256[] memory values, uint256 count, uint256 value) private pure returns (bool) {
        for (uint256 k = 0; k < count; ++k) {
            if (values[k] == value) return true;
        }
        return false;
    }
}
