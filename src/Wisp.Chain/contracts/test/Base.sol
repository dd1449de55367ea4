// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WispRegistry} from "../src/WispRegistry.sol";
import {WispToken} from "../src/WispToken.sol";
import {IWispRegistry} from "../src/IWispRegistry.sol";

/// @dev The forge cheatcodes these tests use (forge-std's Vm, declared here so the tests need no extra package).
interface Vm {
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function roll(uint256 blockNumber) external;
    function chainId(uint256 newChainId) external;
    function setBlockhash(uint256 blockNumber, bytes32 blockHash) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool topic1, bool topic2, bool topic3, bool data) external;
    function addr(uint256 privateKey) external pure returns (address);
    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    function lastCallGas() external view returns (Gas memory);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @dev A registry with small parameters, operators funded with stake tokens, and helpers to join and to vote.
abstract contract RegistryTestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant STAKE = 1000 ether;
    uint64 internal constant UNLOCK = 30;
    uint64 internal constant ROUND = 10;
    uint256 internal constant REWARD = 1 ether;
    uint256 internal constant START_BLOCK = 1000;

    WispRegistry internal registry;
    WispToken internal token;
    address internal holder = address(0xA11CE);

    function setUp() public virtual {
        vm.roll(START_BLOCK);
        registry = new WispRegistry(STAKE, UNLOCK, ROUND, REWARD, holder, 1_000_000 ether);
        token = WispToken(registry.token());
    }

    // ---- nodes: node i has operator opOf(i), Ed25519 key edOf(i), vote key from private key 1000 + i ----------

    function opOf(uint256 i) internal pure returns (address) {
        return address(uint160(0x10000 + i));
    }

    function edOf(uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("ed25519", i));
    }

    function xOf(uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("x25519", i));
    }

    function votePk(uint256 i) internal pure returns (uint256) {
        return 1000 + i;
    }

    function voteKeyOf(uint256 i) internal pure returns (address) {
        return vm.addr(votePk(i));
    }

    function proof() internal pure returns (bytes memory) {
        return new bytes(64);
    }

    function fund(address who) internal {
        vm.prank(holder);
        token.transfer(who, STAKE);
        vm.prank(who);
        token.approve(address(registry), STAKE);
    }

    function joinNode(uint256 i) internal {
        fund(opOf(i));
        vm.prank(opOf(i));
        registry.join(edOf(i), xOf(i), "node.example", 443, voteKeyOf(i), proof(), STAKE);
    }

    function joinNodes(uint256 count) internal {
        for (uint256 i = 1; i <= count; ++i) {
            joinNode(i);
        }
    }

    /// @dev The node index (1-based) of a member's Ed25519 key among the first `count` nodes.
    function indexOf(bytes32 ed, uint256 count) internal pure returns (uint256) {
        for (uint256 i = 1; i <= count; ++i) {
            if (edOf(i) == ed) return i;
        }
        revert("not a test node");
    }

    function sig(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signatures by the first `signers` members of the current quorum (nodes among 1..count).
    function quorumSigs(uint8 action, bytes32 target, uint256 signers, uint256 count)
        internal
        view
        returns (bytes[] memory sigs)
    {
        uint64 round = registry.currentRound();
        (bytes32[] memory members,) = registry.quorumOf(round);
        bytes32 digest = registry.voteDigest(action, target, round);
        sigs = new bytes[](signers);
        for (uint256 k = 0; k < signers; ++k) {
            sigs[k] = sig(votePk(indexOf(members[k], count)), digest);
        }
    }

    function statusOf(bytes32 ed) internal view returns (IWispRegistry.Status) {
        return registry.getNode(ed).status;
    }

    // ---- assertions ------------------------------------------------------------------------------------------

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": ", _str(a), " != ", _str(b)));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": bytes32 differ"));
    }

    function assertEq(address a, address b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": addresses differ"));
    }

    function assertTrue(bool c, string memory what) internal pure {
        if (!c) revert(what);
    }

    function assertStatus(bytes32 ed, IWispRegistry.Status s, string memory what) internal view {
        assertEq(uint256(statusOf(ed)), uint256(s), what);
    }

    function _str(uint256 v) private pure returns (string memory) {
        if (v == 0) return "0";
        bytes memory b;
        while (v > 0) {
            b = abi.encodePacked(bytes1(uint8(48 + (v % 10))), b);
            v /= 10;
        }
        return string(b);
    }
}
