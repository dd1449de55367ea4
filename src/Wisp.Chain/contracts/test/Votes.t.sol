// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryTestBase} from "./Base.sol";
import {IWispRegistry} from "../src/IWispRegistry.sol";

/// @dev The quorum draw and the three votes with every refusal. Twelve nodes join in round 100; the tests run in
/// round 101, whose seed (the hash of block 1009) is fixed.
contract VotesTest is RegistryTestBase {
    uint256 internal constant NODES = 12;
    bytes32 internal constant SEED = keccak256("round 101 seed");
    uint8 internal constant DECOMMISSION = 1;
    uint8 internal constant RECOMMISSION = 2;
    uint8 internal constant DEREGISTER = 3;

    event NodeDecommissioned(bytes32 indexed ed25519Key, uint64 indexed round);
    event NodeRecommissioned(bytes32 indexed ed25519Key, uint64 indexed round);
    event NodeDeregistered(bytes32 indexed ed25519Key, uint64 indexed round, uint256 penalty, uint64 unlockBlock);
    event QuorumSealed(uint64 indexed round, bytes32 seed, bytes32[] members);

    function setUp() public override {
        super.setUp();
        joinNodes(NODES);
        vm.roll(START_BLOCK + ROUND);
        vm.setBlockhash(START_BLOCK + ROUND - 1, SEED);
    }

    /// @dev The draw exactly as PROTOCOL.md words it, written independently of the contract.
    function documentedDraw(bytes32 seed, bytes32[] memory list) internal pure returns (bytes32[] memory members) {
        uint256 n = list.length;
        if (n <= 10) return list;
        members = new bytes32[](10);
        bool[] memory taken = new bool[](n);
        for (uint256 j = 0; j < 10; ++j) {
            uint256 i = uint256(keccak256(abi.encode(seed, j))) % n;
            while (taken[i]) i = (i + 1) % n;
            taken[i] = true;
            members[j] = list[i];
        }
    }

    /// @dev A node (1..NODES) that is not in the current quorum.
    function outsider() internal view returns (uint256) {
        (bytes32[] memory members,) = registry.quorumOf(registry.currentRound());
        for (uint256 i = 1; i <= NODES; ++i) {
            bool member;
            for (uint256 k = 0; k < members.length; ++k) {
                if (members[k] == edOf(i)) member = true;
            }
            if (!member) return i;
        }
        revert("every node is a member");
    }

    /// @dev A target outside the quorum, so that removing it changes nothing else in the test.
    function target() internal view returns (bytes32) {
        return edOf(outsider());
    }

    function test_quorum_is_the_documented_draw_from_the_previous_rounds_last_block_hash() public view {
        assertEq(registry.currentRound(), 101, "round");
        (bytes32[] memory members, uint256 required) = registry.quorumOf(101);
        bytes32[] memory expected = documentedDraw(SEED, registry.activeNodes());
        assertEq(members.length, 10, "size");
        assertEq(required, 7, "threshold");
        for (uint256 k = 0; k < 10; ++k) {
            assertEq(members[k], expected[k], "member");
        }
    }

    function test_quorum_of_another_round_is_refused() public {
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.StaleRound.selector, 100, 101));
        registry.quorumOf(100);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.StaleRound.selector, 102, 101));
        registry.quorumOf(102);
    }

    function test_the_first_change_in_a_round_seals_its_quorum_and_a_join_does_not_move_it() public {
        (bytes32[] memory before,) = registry.quorumOf(101);
        uint256 i = NODES + 1;
        fund(opOf(i));
        vm.expectEmit(true, false, false, true);
        emit QuorumSealed(101, SEED, before);
        vm.prank(opOf(i));
        registry.join(edOf(i), xOf(i), "node.example", 443, voteKeyOf(i), proof(), STAKE);
        (bytes32[] memory afterJoin,) = registry.quorumOf(101);
        for (uint256 k = 0; k < 10; ++k) {
            assertEq(afterJoin[k], before[k], "sealed member");
        }
        bytes32[] memory redrawn = documentedDraw(SEED, registry.activeNodes());
        bool differs;
        for (uint256 k = 0; k < 10; ++k) {
            if (redrawn[k] != before[k]) differs = true;
        }
        assertTrue(differs, "a draw over the grown list would differ, so sealing matters");
    }

    function test_small_networks_use_every_node_and_the_same_fraction() public {
        uint256[11] memory expected = [uint256(0), 1, 2, 3, 3, 4, 5, 5, 6, 7, 7];
        setUpFresh();
        for (uint256 q = 1; q <= 10; ++q) {
            joinNode(q);
            vm.roll(block.number + ROUND);
            (bytes32[] memory members, uint256 required) = registry.quorumOf(registry.currentRound());
            assertEq(members.length, q, "every node");
            assertEq(required, expected[q], "required signatures");
            for (uint256 k = 0; k < q; ++k) {
                assertEq(members[k], edOf(k + 1), "in list order");
            }
        }
    }

    function setUpFresh() internal {
        RegistryTestBase.setUp();
    }

    function test_vote_digest_is_the_documented_hash() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("wisp-registry-vote-v1"),
                block.chainid,
                address(registry),
                DECOMMISSION,
                edOf(3),
                uint64(101)
            )
        );
        assertEq(registry.voteDigest(DECOMMISSION, edOf(3), 101), expected, "digest");
    }

    function test_seven_of_ten_decommission_a_node_which_stops_earning() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        vm.expectEmit(true, true, false, true);
        emit NodeDecommissioned(t, 101);
        registry.vote(DECOMMISSION, t, 101, sigs);
        assertStatus(t, IWispRegistry.Status.Decommissioned, "decommissioned");
        assertEq(registry.activeCount(), NODES - 1, "unlisted");
        uint256 earned = registry.pendingRewards(t);
        vm.roll(block.number + 5);
        assertEq(registry.pendingRewards(t), earned, "no rewards while decommissioned");
    }

    function test_recommission_lists_the_node_again_and_it_earns_again() public {
        bytes32 t = target();
        registry.vote(DECOMMISSION, t, 101, quorumSigs(DECOMMISSION, t, 7, NODES));
        uint256 earned = registry.pendingRewards(t);
        vm.roll(block.number + 2);
        vm.expectEmit(true, true, false, true);
        emit NodeRecommissioned(t, 101);
        registry.vote(RECOMMISSION, t, 101, quorumSigs(RECOMMISSION, t, 7, NODES));
        assertStatus(t, IWispRegistry.Status.Active, "active again");
        assertEq(registry.activeCount(), NODES, "listed");
        vm.roll(block.number + NODES);
        assertEq(registry.pendingRewards(t), earned + REWARD, "earns again: 12 blocks shared by 12 nodes");
    }

    function test_deregister_burns_the_penalty_and_returns_the_rest_after_the_delay() public {
        bytes32 t = target();
        uint256 i = indexOf(t, NODES);
        uint256 supply = token.totalSupply();
        uint256 penalty = STAKE / 4;
        vm.expectEmit(true, true, false, true);
        emit NodeDeregistered(t, 101, penalty, uint64(block.number + UNLOCK));
        registry.vote(DEREGISTER, t, 101, quorumSigs(DEREGISTER, t, 7, NODES));
        assertStatus(t, IWispRegistry.Status.Deregistered, "deregistered");
        assertEq(registry.activeCount(), NODES - 1, "unlisted");
        assertEq(registry.getNode(t).stake, STAKE - penalty, "stake less penalty");
        assertEq(token.totalSupply(), supply - penalty, "penalty burned");

        vm.expectRevert(
            abi.encodeWithSelector(
                IWispRegistry.StakeLocked.selector, t, uint64(block.number + UNLOCK), block.number
            )
        );
        vm.prank(opOf(i));
        registry.withdraw(t);
        vm.roll(block.number + UNLOCK);
        uint256 rewards = registry.pendingRewards(t);
        vm.prank(opOf(i));
        registry.withdraw(t);
        assertEq(token.balanceOf(opOf(i)), STAKE - penalty + rewards, "the rest and the rewards");
    }

    function test_deregister_of_a_decommissioned_node_is_allowed() public {
        bytes32 t = target();
        registry.vote(DECOMMISSION, t, 101, quorumSigs(DECOMMISSION, t, 7, NODES));
        registry.vote(DEREGISTER, t, 101, quorumSigs(DEREGISTER, t, 7, NODES));
        assertStatus(t, IWispRegistry.Status.Deregistered, "deregistered");
        assertEq(registry.activeCount(), NODES - 1, "unlisted once");
    }

    function test_a_decommissioned_node_cannot_exit_to_escape_deregistration() public {
        bytes32 t = target();
        registry.vote(DECOMMISSION, t, 101, quorumSigs(DECOMMISSION, t, 7, NODES));
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.WrongStatus.selector, t, IWispRegistry.Status.Decommissioned)
        );
        vm.prank(opOf(indexOf(t, NODES)));
        registry.requestExit(t);
        assertStatus(t, IWispRegistry.Status.Decommissioned, "still decommissioned");
    }

    function test_a_vote_without_quorum_is_refused() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(DECOMMISSION, t, 6, NODES);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NotEnoughSignatures.selector, 6, 7));
        registry.vote(DECOMMISSION, t, 101, sigs);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NotEnoughSignatures.selector, 0, 7));
        registry.vote(DECOMMISSION, t, 101, new bytes[](0));
        assertStatus(t, IWispRegistry.Status.Active, "still active");
    }

    function test_a_vote_signed_by_a_non_member_is_refused() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        bytes32 digest = registry.voteDigest(DECOMMISSION, t, 101);
        // A registered node outside this round's quorum.
        sigs[6] = sig(votePk(outsider()), digest);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.SignerNotInQuorum.selector, voteKeyOf(outsider())));
        registry.vote(DECOMMISSION, t, 101, sigs);
        // A key no node registered.
        sigs[6] = sig(999, digest);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.SignerNotInQuorum.selector, vm.addr(999)));
        registry.vote(DECOMMISSION, t, 101, sigs);
    }

    function test_a_signer_counted_twice_is_refused() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        (bytes32[] memory members,) = registry.quorumOf(101);
        sigs[6] = sigs[0];
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.DuplicateSigner.selector, voteKeyOf(indexOf(members[0], NODES)))
        );
        registry.vote(DECOMMISSION, t, 101, sigs);
    }

    function test_a_malformed_or_malleable_signature_is_refused() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        sigs[3] = new bytes(64);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidSignature.selector, 3));
        registry.vote(DECOMMISSION, t, 101, sigs);

        // The same signature with s replaced by n - s (and v flipped) recovers the same key: refused.
        sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        bytes memory good = sigs[2];
        bytes32 r2;
        bytes32 s2;
        assembly {
            r2 := mload(add(good, 32))
            s2 := mload(add(good, 64))
        }
        uint8 v2 = uint8(good[64]);
        uint256 order = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        sigs[2] = abi.encodePacked(r2, bytes32(order - uint256(s2)), v2 == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidSignature.selector, 2));
        registry.vote(DECOMMISSION, t, 101, sigs);
    }

    function test_a_replayed_vote_is_refused() public {
        bytes32 t = target();
        bytes[] memory decommission = quorumSigs(DECOMMISSION, t, 7, NODES);
        registry.vote(DECOMMISSION, t, 101, decommission);
        registry.vote(RECOMMISSION, t, 101, quorumSigs(RECOMMISSION, t, 7, NODES));
        bytes32 digest = registry.voteDigest(DECOMMISSION, t, 101);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.VoteAlreadyUsed.selector, digest));
        registry.vote(DECOMMISSION, t, 101, decommission);
        assertStatus(t, IWispRegistry.Status.Active, "the replay changed nothing");
    }

    function test_a_vote_for_a_stale_or_future_round_is_refused() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        vm.roll(block.number + ROUND);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.StaleRound.selector, 101, 102));
        registry.vote(DECOMMISSION, t, 101, sigs);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.StaleRound.selector, 103, 102));
        registry.vote(DECOMMISSION, t, 103, sigs);
    }

    function test_signatures_for_another_chain_do_not_count() public {
        bytes32 t = target();
        vm.chainId(999);
        bytes[] memory otherChain = quorumSigs(DECOMMISSION, t, 7, NODES);
        vm.chainId(31337);
        (bool ok,) = address(registry).call(
            abi.encodeWithSelector(registry.vote.selector, DECOMMISSION, t, uint64(101), otherChain)
        );
        assertTrue(!ok, "refused");
        bytes32 elsewhere = keccak256(
            abi.encode(keccak256("wisp-registry-vote-v1"), 999, address(registry), DECOMMISSION, t, uint64(101))
        );
        assertTrue(elsewhere != registry.voteDigest(DECOMMISSION, t, 101), "chain id is in the digest");
    }

    function test_unknown_actions_are_refused() public {
        bytes32 t = target();
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.UnknownAction.selector, 0));
        registry.vote(0, t, 101, new bytes[](0));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.UnknownAction.selector, 4));
        registry.vote(4, t, 101, new bytes[](0));
    }

    function test_a_vote_on_a_node_in_the_wrong_state_is_refused() public {
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(RECOMMISSION, t, 7, NODES);
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.WrongStatus.selector, t, IWispRegistry.Status.Active)
        );
        registry.vote(RECOMMISSION, t, 101, sigs);

        vm.prank(opOf(indexOf(t, NODES)));
        registry.requestExit(t);
        sigs = quorumSigs(DEREGISTER, t, 7, NODES);
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.WrongStatus.selector, t, IWispRegistry.Status.Exiting)
        );
        registry.vote(DEREGISTER, t, 101, sigs);
        sigs = quorumSigs(DECOMMISSION, t, 7, NODES);
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.WrongStatus.selector, t, IWispRegistry.Status.Exiting)
        );
        registry.vote(DECOMMISSION, t, 101, sigs);

        bytes32 unknown = keccak256("nobody");
        sigs = quorumSigs(DECOMMISSION, unknown, 7, NODES);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NodeNotFound.selector, unknown));
        registry.vote(DECOMMISSION, unknown, 101, sigs);
    }

    function test_no_active_node_means_no_quorum() public {
        setUpFresh();
        joinNode(1);
        vm.roll(block.number + ROUND);
        uint64 round = registry.currentRound();
        bytes32 digest = registry.voteDigest(DECOMMISSION, edOf(1), round);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = sig(votePk(1), digest);
        registry.vote(DECOMMISSION, edOf(1), round, sigs);
        vm.roll(block.number + ROUND);
        round = registry.currentRound();
        sigs[0] = sig(votePk(1), registry.voteDigest(RECOMMISSION, edOf(1), round));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NoQuorum.selector));
        registry.vote(RECOMMISSION, edOf(1), round, sigs);
    }
}
