// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryTestBase} from "./Base.sol";
import {IWispRegistry} from "../src/IWispRegistry.sol";

/// @dev Address updates, exit and withdrawal, rewards and claims.
contract LifecycleTest is RegistryTestBase {
    event NodeAddressUpdated(bytes32 indexed ed25519Key, string host, uint16 port);
    event NodeExitRequested(bytes32 indexed ed25519Key, uint64 unlockBlock);
    event NodeWithdrawn(bytes32 indexed ed25519Key, address indexed operator, uint256 stakeReturned, uint256 rewardsPaid);
    event RewardsClaimed(bytes32 indexed ed25519Key, address indexed operator, uint256 amount);

    function test_update_address_changes_host_and_port() public {
        joinNode(1);
        vm.expectEmit(true, false, false, true);
        emit NodeAddressUpdated(edOf(1), "10.0.0.7", 8443);
        vm.prank(opOf(1));
        registry.updateAddress(edOf(1), "10.0.0.7", 8443);
        IWispRegistry.Node memory n = registry.getNode(edOf(1));
        assertEq(keccak256(bytes(n.host)), keccak256("10.0.0.7"), "host");
        assertEq(n.port, 8443, "port");
    }

    function test_update_address_refusals() public {
        joinNode(1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NotOperator.selector, edOf(1), opOf(2)));
        vm.prank(opOf(2));
        registry.updateAddress(edOf(1), "10.0.0.7", 8443);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NodeNotFound.selector, edOf(2)));
        vm.prank(opOf(1));
        registry.updateAddress(edOf(2), "10.0.0.7", 8443);
        vm.startPrank(opOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidHost.selector));
        registry.updateAddress(edOf(1), "", 8443);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidPort.selector));
        registry.updateAddress(edOf(1), "10.0.0.7", 0);
        registry.requestExit(edOf(1));
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.WrongStatus.selector, edOf(1), IWispRegistry.Status.Exiting)
        );
        registry.updateAddress(edOf(1), "10.0.0.7", 8443);
        vm.stopPrank();
    }

    function test_exit_unlists_at_once_and_returns_the_stake_after_the_delay() public {
        joinNodes(2);
        vm.roll(START_BLOCK + 5);
        vm.expectEmit(true, false, false, true);
        emit NodeExitRequested(edOf(1), uint64(START_BLOCK + 5 + UNLOCK));
        vm.prank(opOf(1));
        registry.requestExit(edOf(1));
        assertStatus(edOf(1), IWispRegistry.Status.Exiting, "exiting");
        assertEq(registry.activeCount(), 1, "unlisted");
        assertEq(registry.activeNodes()[0], edOf(2), "the other stays");

        // Five blocks shared by two nodes: 2.5 tokens each; nothing after the exit request.
        uint256 earned = registry.pendingRewards(edOf(1));
        assertEq(earned, 5 * REWARD / 2, "earned before exit");
        vm.roll(START_BLOCK + 5 + UNLOCK);
        assertEq(registry.pendingRewards(edOf(1)), earned, "no rewards while exiting");

        vm.expectEmit(true, true, false, true);
        emit NodeWithdrawn(edOf(1), opOf(1), STAKE, earned);
        vm.prank(opOf(1));
        registry.withdraw(edOf(1));
        assertEq(token.balanceOf(opOf(1)), STAKE + earned, "stake and rewards back");
        assertStatus(edOf(1), IWispRegistry.Status.None, "forgotten");
        assertEq(registry.nodeOfVoteKey(voteKeyOf(1)), bytes32(0), "vote key freed");

        // The same keys may join again.
        vm.prank(opOf(1));
        token.approve(address(registry), STAKE);
        vm.prank(opOf(1));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), proof(), STAKE);
        assertStatus(edOf(1), IWispRegistry.Status.Active, "joined again");
    }

    function test_early_withdrawal_is_refused() public {
        joinNode(1);
        vm.startPrank(opOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.ExitNotRequested.selector, edOf(1)));
        registry.withdraw(edOf(1));
        registry.requestExit(edOf(1));
        vm.roll(START_BLOCK + UNLOCK - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWispRegistry.StakeLocked.selector, edOf(1), uint64(START_BLOCK + UNLOCK), START_BLOCK + UNLOCK - 1
            )
        );
        registry.withdraw(edOf(1));
        vm.stopPrank();
        assertEq(token.balanceOf(opOf(1)), 0, "nothing paid");
    }

    function test_exit_and_withdraw_refusals() public {
        joinNode(1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NotOperator.selector, edOf(1), opOf(2)));
        vm.prank(opOf(2));
        registry.requestExit(edOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NodeNotFound.selector, edOf(3)));
        vm.prank(opOf(1));
        registry.requestExit(edOf(3));
        vm.prank(opOf(1));
        registry.requestExit(edOf(1));
        vm.expectRevert(
            abi.encodeWithSelector(IWispRegistry.WrongStatus.selector, edOf(1), IWispRegistry.Status.Exiting)
        );
        vm.prank(opOf(1));
        registry.requestExit(edOf(1));
        vm.roll(START_BLOCK + UNLOCK);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NotOperator.selector, edOf(1), opOf(2)));
        vm.prank(opOf(2));
        registry.withdraw(edOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NodeNotFound.selector, edOf(3)));
        vm.prank(opOf(1));
        registry.withdraw(edOf(3));
    }

    function test_rewards_accrue_per_block_split_among_active_nodes() public {
        joinNode(1);
        vm.roll(START_BLOCK + 4); // node 1 alone for 4 blocks
        joinNode(2);
        vm.roll(START_BLOCK + 10); // both for 6 blocks
        assertEq(registry.pendingRewards(edOf(1)), 4 * REWARD + 3 * REWARD, "node 1");
        assertEq(registry.pendingRewards(edOf(2)), 3 * REWARD, "node 2");

        vm.expectEmit(true, true, false, true);
        emit RewardsClaimed(edOf(1), opOf(1), 7 * REWARD);
        vm.prank(opOf(1));
        registry.claimRewards(edOf(1));
        assertEq(token.balanceOf(opOf(1)), 7 * REWARD, "minted to the operator");
        assertEq(registry.pendingRewards(edOf(1)), 0, "claimed");
        uint256 supply = token.totalSupply();
        assertEq(supply, 1_000_000 ether + 7 * REWARD, "rewards are minted");
    }

    function test_claim_with_nothing_accrued_is_refused() public {
        joinNode(1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NothingToClaim.selector, edOf(1)));
        vm.prank(opOf(1));
        registry.claimRewards(edOf(1));

        vm.roll(START_BLOCK + 3);
        vm.prank(opOf(1));
        registry.claimRewards(edOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NothingToClaim.selector, edOf(1)));
        vm.prank(opOf(1));
        registry.claimRewards(edOf(1));
    }

    function test_claim_refusals() public {
        joinNode(1);
        vm.roll(START_BLOCK + 3);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NotOperator.selector, edOf(1), opOf(2)));
        vm.prank(opOf(2));
        registry.claimRewards(edOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NodeNotFound.selector, edOf(2)));
        vm.prank(opOf(1));
        registry.claimRewards(edOf(2));
    }

    function test_an_exiting_node_can_claim_what_it_earned() public {
        joinNode(1);
        vm.roll(START_BLOCK + 3);
        vm.prank(opOf(1));
        registry.requestExit(edOf(1));
        vm.roll(START_BLOCK + 8);
        vm.prank(opOf(1));
        registry.claimRewards(edOf(1));
        assertEq(token.balanceOf(opOf(1)), 3 * REWARD, "only the blocks while active");
    }
}
