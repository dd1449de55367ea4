// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryTestBase} from "./Base.sol";
import {IWispRegistry} from "../src/IWispRegistry.sol";
import {WispRegistry} from "../src/WispRegistry.sol";
import {WispToken} from "../src/WispToken.sol";

/// @dev Deployment, the stake token, joining and every refusal of a join.
contract JoinTest is RegistryTestBase {
    event NodeJoined(
        bytes32 indexed ed25519Key,
        address indexed operator,
        bytes32 x25519Key,
        string host,
        uint16 port,
        address voteKey,
        uint256 stake,
        bytes ed25519Proof
    );

    function test_constructor_sets_parameters_and_mints_supply_to_holder() public view {
        assertEq(registry.stakeAmount(), STAKE, "stake");
        assertEq(registry.unlockDelay(), UNLOCK, "unlock");
        assertEq(registry.roundLength(), ROUND, "round");
        assertEq(registry.rewardPerBlock(), REWARD, "reward");
        assertEq(registry.QUORUM_SIZE(), 10, "quorum size");
        assertEq(registry.QUORUM_THRESHOLD(), 7, "threshold");
        assertEq(registry.PENALTY_BPS(), 2500, "penalty");
        assertEq(token.balanceOf(holder), 1_000_000 ether, "supply");
        assertEq(token.minter(), address(registry), "minter");
        assertEq(token.decimals(), 18, "decimals");
    }

    function test_constructor_refuses_bad_parameters() public {
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidParameter.selector, "stakeAmount"));
        new WispRegistry(0, UNLOCK, ROUND, REWARD, holder, 1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidParameter.selector, "roundLength"));
        new WispRegistry(STAKE, UNLOCK, 0, REWARD, holder, 1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidParameter.selector, "roundLength"));
        new WispRegistry(STAKE, UNLOCK, 257, REWARD, holder, 1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidParameter.selector, "initialHolder"));
        new WispRegistry(STAKE, UNLOCK, ROUND, REWARD, address(0), 1);
    }

    function test_token_mints_only_for_the_registry() public {
        vm.expectRevert(abi.encodeWithSelector(WispToken.NotMinter.selector, address(this)));
        token.mint(address(this), 1);
    }

    function test_join_stakes_lists_and_emits() public {
        fund(opOf(1));
        bytes memory p = new bytes(64);
        p[0] = 0x42;
        vm.expectEmit(true, true, false, true);
        emit NodeJoined(edOf(1), opOf(1), xOf(1), "node.example", 443, voteKeyOf(1), STAKE, p);
        vm.prank(opOf(1));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), p, STAKE);

        IWispRegistry.Node memory n = registry.getNode(edOf(1));
        assertEq(n.operator, opOf(1), "operator");
        assertEq(n.voteKey, voteKeyOf(1), "vote key");
        assertEq(uint256(n.status), uint256(IWispRegistry.Status.Active), "status");
        assertEq(n.joinedBlock, START_BLOCK, "joined block");
        assertEq(n.x25519Key, xOf(1), "x25519");
        assertEq(n.port, 443, "port");
        assertEq(keccak256(bytes(n.host)), keccak256("node.example"), "host");
        assertEq(n.stake, STAKE, "stake");
        assertEq(token.balanceOf(address(registry)), STAKE, "registry holds the stake");
        assertEq(token.balanceOf(opOf(1)), 0, "operator paid");
        assertEq(registry.activeCount(), 1, "active count");
        assertEq(registry.activeNodes()[0], edOf(1), "active list");
        assertEq(registry.nodeOfVoteKey(voteKeyOf(1)), edOf(1), "vote key map");
    }

    function test_join_proof_message_is_the_documented_digest() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("wisp-registry-join-v1"),
                block.chainid,
                address(registry),
                opOf(1),
                edOf(1),
                xOf(1),
                voteKeyOf(1)
            )
        );
        assertEq(registry.joinProofMessage(opOf(1), edOf(1), xOf(1), voteKeyOf(1)), expected, "join message");
    }

    function test_join_without_approval_is_refused() public {
        vm.prank(holder);
        token.transfer(opOf(1), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.StakeNotApproved.selector, STAKE, 0));
        vm.prank(opOf(1));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), proof(), STAKE);
    }

    function test_join_without_tokens_is_refused() public {
        vm.prank(opOf(1));
        token.approve(address(registry), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InsufficientStakeBalance.selector, STAKE, 0));
        vm.prank(opOf(1));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), proof(), STAKE);
    }

    function test_join_with_wrong_amount_is_refused() public {
        fund(opOf(1));
        vm.startPrank(opOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.WrongStakeAmount.selector, STAKE, STAKE - 1));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), proof(), STAKE - 1);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.WrongStakeAmount.selector, STAKE, STAKE + 1));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), proof(), STAKE + 1);
        vm.stopPrank();
    }

    function test_join_with_bad_fields_is_refused() public {
        fund(opOf(1));
        vm.startPrank(opOf(1));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.ZeroKey.selector));
        registry.join(bytes32(0), xOf(1), "node.example", 443, voteKeyOf(1), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.ZeroKey.selector));
        registry.join(edOf(1), bytes32(0), "node.example", 443, voteKeyOf(1), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.ZeroVoteKey.selector));
        registry.join(edOf(1), xOf(1), "node.example", 443, address(0), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidHost.selector));
        registry.join(edOf(1), xOf(1), "", 443, voteKeyOf(1), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidHost.selector));
        registry.join(edOf(1), xOf(1), string(new bytes(254)), 443, voteKeyOf(1), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidPort.selector));
        registry.join(edOf(1), xOf(1), "node.example", 0, voteKeyOf(1), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidProofLength.selector, 63));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), new bytes(63), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.InvalidProofLength.selector, 0));
        registry.join(edOf(1), xOf(1), "node.example", 443, voteKeyOf(1), "", STAKE);
        vm.stopPrank();
        assertEq(registry.activeCount(), 0, "nothing listed");
    }

    function test_join_with_a_key_in_use_is_refused() public {
        joinNode(1);
        fund(opOf(2));
        vm.startPrank(opOf(2));
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.NodeExists.selector, edOf(1)));
        registry.join(edOf(1), xOf(2), "node.example", 443, voteKeyOf(2), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.X25519KeyInUse.selector, xOf(1)));
        registry.join(edOf(2), xOf(1), "node.example", 443, voteKeyOf(2), proof(), STAKE);
        vm.expectRevert(abi.encodeWithSelector(IWispRegistry.VoteKeyInUse.selector, voteKeyOf(1)));
        registry.join(edOf(2), xOf(2), "node.example", 443, voteKeyOf(1), proof(), STAKE);
        vm.stopPrank();
        assertEq(registry.activeCount(), 1, "only the first");
    }

    function test_get_node_of_an_unknown_key_has_status_none() public view {
        assertStatus(edOf(9), IWispRegistry.Status.None, "unknown");
    }
}
