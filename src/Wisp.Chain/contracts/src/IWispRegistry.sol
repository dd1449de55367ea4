// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Wisp's staked node registry: the interface nodes, operators and voters use.
/// @notice A node is identified by its Ed25519 public key. It joins by staking a fixed amount of the stake token,
/// stays listed while Active, and leaves by an exit request (stake back after an unlock delay) or by a quorum's vote.
/// The exact rules, digests and parameters are in docs/PROTOCOL.md, "Staked registry".
interface IWispRegistry {
    /// @notice None: no such node. Active: listed and earning. Decommissioned: unlisted, not earning, can be
    /// recommissioned by a vote. Exiting: its operator asked to leave; stake unlocks at unlockBlock.
    /// Deregistered: voted out; stake (less the penalty) unlocks at unlockBlock.
    enum Status {
        None,
        Active,
        Decommissioned,
        Exiting,
        Deregistered
    }

    /// @notice What a quorum's vote does to its target.
    enum Action {
        None,
        Decommission,
        Recommission,
        Deregister
    }

    /// @notice A node as stored. `stake` is what withdraw returns (after any penalty).
    struct Node {
        address operator;
        address voteKey;
        Status status;
        uint64 joinedBlock;
        uint64 unlockBlock;
        bytes32 x25519Key;
        uint16 port;
        string host;
        uint256 stake;
    }

    // ---- events: one for every change -------------------------------------------------------------------------
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
    event NodeAddressUpdated(bytes32 indexed ed25519Key, string host, uint16 port);
    event NodeExitRequested(bytes32 indexed ed25519Key, uint64 unlockBlock);
    event NodeDecommissioned(bytes32 indexed ed25519Key, uint64 indexed round);
    event NodeRecommissioned(bytes32 indexed ed25519Key, uint64 indexed round);
    event NodeDeregistered(bytes32 indexed ed25519Key, uint64 indexed round, uint256 penalty, uint64 unlockBlock);
    event NodeWithdrawn(bytes32 indexed ed25519Key, address indexed operator, uint256 stakeReturned, uint256 rewardsPaid);
    event RewardsClaimed(bytes32 indexed ed25519Key, address indexed operator, uint256 amount);
    event QuorumSealed(uint64 indexed round, bytes32 seed, bytes32[] members);

    // ---- errors: one for every refusal ------------------------------------------------------------------------
    error InvalidParameter(string name);
    error ZeroKey();
    error ZeroVoteKey();
    error InvalidHost();
    error InvalidPort();
    error InvalidProofLength(uint256 length);
    error WrongStakeAmount(uint256 required, uint256 given);
    error StakeNotApproved(uint256 required, uint256 allowance);
    error InsufficientStakeBalance(uint256 required, uint256 balance);
    error NodeExists(bytes32 ed25519Key);
    error X25519KeyInUse(bytes32 x25519Key);
    error VoteKeyInUse(address voteKey);
    error NodeNotFound(bytes32 ed25519Key);
    error NotOperator(bytes32 ed25519Key, address caller);
    error WrongStatus(bytes32 ed25519Key, Status status);
    error ExitNotRequested(bytes32 ed25519Key);
    error StakeLocked(bytes32 ed25519Key, uint64 unlockBlock, uint256 currentBlock);
    error NothingToClaim(bytes32 ed25519Key);
    error UnknownAction(uint8 action);
    error StaleRound(uint64 given, uint64 current);
    error VoteAlreadyUsed(bytes32 digest);
    error NoQuorum();
    error InvalidSignature(uint256 index);
    error SignerNotInQuorum(address signer);
    error DuplicateSigner(address signer);
    error NotEnoughSignatures(uint256 valid, uint256 required);

    // ---- operators --------------------------------------------------------------------------------------------
    /// @notice Stakes `amount` (must equal stakeAmount(); approve the registry first) and lists the node as Active.
    /// `ed25519Proof` is a 64-byte Ed25519 signature by `ed25519Key` over joinProofMessage(msg.sender, ed25519Key,
    /// x25519Key, voteKey); it is stored in the event, not checked on chain: registries drop nodes whose proof fails.
    function join(
        bytes32 ed25519Key,
        bytes32 x25519Key,
        string calldata host,
        uint16 port,
        address voteKey,
        bytes calldata ed25519Proof,
        uint256 amount
    ) external;

    /// @notice Changes where the node is reached. Operator only; Active or Decommissioned nodes.
    function updateAddress(bytes32 ed25519Key, string calldata host, uint16 port) external;

    /// @notice Unlists an Active node and starts its unlock delay. Operator only. A Decommissioned node cannot exit:
    /// it is recommissioned when it recovers or deregistered (with the penalty) when it does not.
    function requestExit(bytes32 ed25519Key) external;

    /// @notice After the unlock delay of an exit or deregistration: returns the stake and unpaid rewards to the
    /// operator and forgets the node (its keys may join again). Operator only.
    function withdraw(bytes32 ed25519Key) external;

    /// @notice Pays the node's accrued rewards to its operator (minted stake tokens). Operator only.
    function claimRewards(bytes32 ed25519Key) external;

    // ---- quorum votes -----------------------------------------------------------------------------------------
    /// @notice Applies `action` to `target` when at least requiredSignatures() distinct members of the current
    /// round's quorum signed voteDigest(action, target, round) with their vote keys (65-byte r‖s‖v, secp256k1).
    /// Anyone may submit.
    function vote(uint8 action, bytes32 target, uint64 round, bytes[] calldata signatures) external;

    // ---- views ------------------------------------------------------------------------------------------------
    function token() external view returns (address);
    function stakeAmount() external view returns (uint256);
    function unlockDelay() external view returns (uint64);
    function roundLength() external view returns (uint64);
    function rewardPerBlock() external view returns (uint256);
    function QUORUM_SIZE() external view returns (uint256);
    function QUORUM_THRESHOLD() external view returns (uint256);
    function PENALTY_BPS() external view returns (uint256);

    function currentRound() external view returns (uint64);
    /// @notice The quorum of `round` (must be the current round) and the signatures a vote needs.
    function quorumOf(uint64 round) external view returns (bytes32[] memory members, uint256 required);
    function voteDigest(uint8 action, bytes32 target, uint64 round) external view returns (bytes32);
    function joinProofMessage(address operator, bytes32 ed25519Key, bytes32 x25519Key, address voteKey)
        external
        view
        returns (bytes32);

    function getNode(bytes32 ed25519Key) external view returns (Node memory);
    function activeCount() external view returns (uint256);
    function activeNodes() external view returns (bytes32[] memory);
    function nodeOfVoteKey(address voteKey) external view returns (bytes32);
    function pendingRewards(bytes32 ed25519Key) external view returns (uint256);
}
