// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RegistryTestBase} from "../test/Base.sol";

/// @dev Gas per operation, one measured call per test so that `forge test --isolate --gas-report` (each call a
/// transaction of its own, intrinsic cost included) reports it alone: see docs/PERFORMANCE.md.
/// A network of 20 nodes; "steady" calls come after another change in the same block, so the round's quorum is
/// already sealed and rewards accrued; "sealing" calls are the first change of a round and pay for the draw.
abstract contract GasBase is RegistryTestBase {
    uint256 internal constant NODES = 20;

    function setUp() public virtual override {
        super.setUp();
        joinNodes(NODES);
        vm.roll(START_BLOCK + ROUND);
        vm.setBlockhash(START_BLOCK + ROUND - 1, keccak256("seed"));
    }

    event log_named_uint(string key, uint256 val);

    function report(string memory what) internal {
        emit log_named_uint(what, vm.lastCallGas().gasTotalUsed);
    }

    /// @dev A network that has sealed a full quorum before pays 5,000 gas per member slot rewritten, not the
    /// 22,100 of a first write; the sealing figures are for that steady state.
    function sealEarlierRound() internal {
        seal();
        vm.roll(block.number + ROUND);
        vm.setBlockhash(block.number - 1, keccak256("next seed"));
    }

    function seal() internal {
        vm.prank(opOf(NODES));
        registry.updateAddress(edOf(NODES), "sealing.example", 443);
    }
}

contract GasJoinSteady is GasBase {
    function test_gas() public {
        seal();
        fund(opOf(NODES + 1));
        vm.prank(opOf(NODES + 1));
        registry.join(edOf(NODES + 1), xOf(NODES + 1), "node.example", 443, voteKeyOf(NODES + 1), proof(), STAKE);
        report("join (steady)");
    }
}

contract GasJoinSealing is GasBase {
    function test_gas() public {
        sealEarlierRound();
        fund(opOf(NODES + 1));
        vm.prank(opOf(NODES + 1));
        registry.join(edOf(NODES + 1), xOf(NODES + 1), "node.example", 443, voteKeyOf(NODES + 1), proof(), STAKE);
        report("join (first change of a round: seals the quorum)");
    }
}

contract GasUpdateAddress is GasBase {
    function test_gas() public {
        seal();
        vm.prank(opOf(1));
        registry.updateAddress(edOf(1), "203.0.113.9", 8443);
        report("updateAddress (steady)");
    }
}

contract GasRequestExit is GasBase {
    function test_gas() public {
        seal();
        vm.prank(opOf(1));
        registry.requestExit(edOf(1));
        report("requestExit (steady)");
    }
}

contract GasWithdraw is GasBase {
    function test_gas() public {
        vm.prank(opOf(1));
        registry.requestExit(edOf(1));
        vm.roll(block.number + UNLOCK);
        seal();
        vm.prank(opOf(1));
        registry.withdraw(edOf(1));
        report("withdraw (stake and unpaid rewards)");
    }
}

contract GasClaim is GasBase {
    function test_gas() public {
        vm.roll(block.number + 5);
        seal();
        vm.prank(opOf(1));
        registry.claimRewards(edOf(1));
        report("claimRewards (steady)");
    }
}

abstract contract GasVote is GasBase {
    function target() internal view returns (bytes32) {
        (bytes32[] memory members,) = registry.quorumOf(registry.currentRound());
        for (uint256 i = 1; i <= NODES; ++i) {
            bool member;
            for (uint256 k = 0; k < members.length; ++k) {
                if (members[k] == edOf(i)) member = true;
            }
            if (!member) return edOf(i);
        }
        revert("every node is a member");
    }
}

contract GasVoteDecommission7 is GasVote {
    function test_gas() public {
        seal();
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(1, t, 7, NODES);
        registry.vote(1, t, registry.currentRound(), sigs);
        report("vote decommission, 7 signatures (steady)");
    }
}

contract GasVoteDecommission10 is GasVote {
    function test_gas() public {
        seal();
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(1, t, 10, NODES);
        registry.vote(1, t, registry.currentRound(), sigs);
        report("vote decommission, 10 signatures (steady)");
    }
}

contract GasVoteDecommissionSealing is GasVote {
    function test_gas() public {
        sealEarlierRound();
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(1, t, 7, NODES);
        registry.vote(1, t, registry.currentRound(), sigs);
        report("vote decommission, 7 signatures (first change of a round)");
    }
}

contract GasVoteRecommission7 is GasVote {
    function test_gas() public {
        seal();
        bytes32 t = target();
        registry.vote(1, t, registry.currentRound(), quorumSigs(1, t, 7, NODES));
        bytes[] memory sigs = quorumSigs(2, t, 7, NODES);
        registry.vote(2, t, registry.currentRound(), sigs);
        report("vote recommission, 7 signatures (steady)");
    }
}

contract GasVoteDeregister7 is GasVote {
    function test_gas() public {
        seal();
        bytes32 t = target();
        bytes[] memory sigs = quorumSigs(3, t, 7, NODES);
        registry.vote(3, t, registry.currentRound(), sigs);
        report("vote deregister, 7 signatures, penalty burned (steady)");
    }
}
