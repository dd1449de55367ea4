// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IWispRegistry} from "./IWispRegistry.sol";
import {WispToken} from "./WispToken.sol";
import {QuorumDraw} from "./QuorumDraw.sol";

/// @title Wisp's staked node registry.
/// @notice Nodes join by staking, leave by an exit request or a quorum's vote, and earn rewards while Active.
/// Session's ServiceNodeRewards contract is the model (stake to join, a wait before the stake returns, a network
/// vote that removes a node and penalises its stake); Wisp votes with secp256k1 signatures of a quorum drawn per
/// round instead of BLS aggregates, and rewards accrue on chain per block instead of being signed off-chain.
contract WispRegistry is IWispRegistry {
    uint256 public constant QUORUM_SIZE = 10;
    uint256 public constant QUORUM_THRESHOLD = 7;
    /// @notice Part of the stake burned on deregistration, in basis points (25 %).
    uint256 public constant PENALTY_BPS = 2500;
    /// @notice A DNS name's longest form; a host is a name or an IP literal.
    uint256 public constant MAX_HOST_LENGTH = 253;
    bytes32 public constant VOTE_TAG = keccak256("wisp-registry-vote-v1");
    bytes32 public constant JOIN_TAG = keccak256("wisp-registry-join-v1");
    /// @dev blockhash reaches back 256 blocks; a round's seed block must stay readable for the whole round.
    uint64 private constant MAX_ROUND_LENGTH = 256;
    uint256 private constant ACC_SCALE = 1e18;

    WispToken private immutable _token;
    uint256 public immutable stakeAmount;
    uint64 public immutable unlockDelay;
    uint64 public immutable roundLength;
    uint256 public immutable rewardPerBlock;

    /// @dev Reward bookkeeping beside a node: accumulator value at its last settlement, and settled unpaid rewards.
    struct Account {
        uint256 debt;
        uint256 earned;
    }

    mapping(bytes32 => Node) private _nodes;
    mapping(bytes32 => Account) private _accounts;
    mapping(bytes32 => bool) private _x25519InUse;
    mapping(address => bytes32) private _nodeOfVoteKey;
    mapping(bytes32 => bool) private _usedVotes;

    bytes32[] private _active;
    mapping(bytes32 => uint256) private _activeSlot; // index + 1; 0 = not listed

    uint256 private _acc; // rewards per Active node since deployment, times ACC_SCALE
    uint64 private _accBlock; // the block _acc is accrued to

    uint64 private _sealedRoundPlusOne; // 0 = nothing sealed yet
    uint8 private _sealedCount;
    bytes32[10] private _sealedMembers;

    constructor(
        uint256 stakeAmount_,
        uint64 unlockDelay_,
        uint64 roundLength_,
        uint256 rewardPerBlock_,
        address initialHolder,
        uint256 initialSupply
    ) {
        if (stakeAmount_ == 0) revert InvalidParameter("stakeAmount");
        if (roundLength_ == 0 || roundLength_ > MAX_ROUND_LENGTH) revert InvalidParameter("roundLength");
        if (initialHolder == address(0)) revert InvalidParameter("initialHolder");
        stakeAmount = stakeAmount_;
        unlockDelay = unlockDelay_;
        roundLength = roundLength_;
        rewardPerBlock = rewardPerBlock_;
        _token = new WispToken(initialHolder, initialSupply);
        _accBlock = uint64(block.number);
    }

    // ---- operators --------------------------------------------------------------------------------------------

    function join(
        bytes32 ed25519Key,
        bytes32 x25519Key,
        string calldata host,
        uint16 port,
        address voteKey,
        bytes calldata ed25519Proof,
        uint256 amount
    ) external {
        _enter();
        if (amount != stakeAmount) revert WrongStakeAmount(stakeAmount, amount);
        if (ed25519Key == bytes32(0) || x25519Key == bytes32(0)) revert ZeroKey();
        if (voteKey == address(0)) revert ZeroVoteKey();
        _checkAddress(host, port);
        if (ed25519Proof.length != 64) revert InvalidProofLength(ed25519Proof.length);
        if (_nodes[ed25519Key].status != Status.None) revert NodeExists(ed25519Key);
        if (_x25519InUse[x25519Key]) revert X25519KeyInUse(x25519Key);
        if (_nodeOfVoteKey[voteKey] != bytes32(0)) revert VoteKeyInUse(voteKey);
        uint256 allowance = _token.allowance(msg.sender, address(this));
        if (allowance < amount) revert StakeNotApproved(amount, allowance);
        uint256 balance = _token.balanceOf(msg.sender);
        if (balance < amount) revert InsufficientStakeBalance(amount, balance);

        Node storage n = _nodes[ed25519Key];
        n.operator = msg.sender;
        n.voteKey = voteKey;
        n.status = Status.Active;
        n.joinedBlock = uint64(block.number);
        n.x25519Key = x25519Key;
        n.port = port;
        n.host = host;
        n.stake = amount;
        _x25519InUse[x25519Key] = true;
        _nodeOfVoteKey[voteKey] = ed25519Key;
        _list(ed25519Key);

        emit NodeJoined(ed25519Key, msg.sender, x25519Key, host, port, voteKey, amount, ed25519Proof);
        SafeERC20.safeTransferFrom(_token, msg.sender, address(this), amount);
    }

    function updateAddress(bytes32 ed25519Key, string calldata host, uint16 port) external {
        _enter();
        Node storage n = _operatorsNode(ed25519Key);
        if (n.status != Status.Active && n.status != Status.Decommissioned) revert WrongStatus(ed25519Key, n.status);
        _checkAddress(host, port);
        n.host = host;
        n.port = port;
        emit NodeAddressUpdated(ed25519Key, host, port);
    }

    function requestExit(bytes32 ed25519Key) external {
        _enter();
        Node storage n = _operatorsNode(ed25519Key);
        // Not while Decommissioned: a failing node must recover or be deregistered, not leave with its whole stake.
        if (n.status != Status.Active) revert WrongStatus(ed25519Key, n.status);
        _unlist(ed25519Key);
        n.status = Status.Exiting;
        uint64 unlockBlock = uint64(block.number) + unlockDelay;
        n.unlockBlock = unlockBlock;
        emit NodeExitRequested(ed25519Key, unlockBlock);
    }

    function withdraw(bytes32 ed25519Key) external {
        _enter();
        Node storage n = _operatorsNode(ed25519Key);
        if (n.status != Status.Exiting && n.status != Status.Deregistered) revert ExitNotRequested(ed25519Key);
        if (block.number < n.unlockBlock) revert StakeLocked(ed25519Key, n.unlockBlock, block.number);
        address operator = n.operator;
        uint256 stake = n.stake;
        uint256 rewards = _accounts[ed25519Key].earned;
        delete _x25519InUse[n.x25519Key];
        delete _nodeOfVoteKey[n.voteKey];
        delete _nodes[ed25519Key];
        delete _accounts[ed25519Key];
        emit NodeWithdrawn(ed25519Key, operator, stake, rewards);
        SafeERC20.safeTransfer(_token, operator, stake);
        if (rewards > 0) _token.mint(operator, rewards);
    }

    function claimRewards(bytes32 ed25519Key) external {
        _enter();
        Node storage n = _operatorsNode(ed25519Key);
        if (n.status == Status.Active) _settle(ed25519Key);
        Account storage a = _accounts[ed25519Key];
        uint256 amount = a.earned;
        if (amount == 0) revert NothingToClaim(ed25519Key);
        a.earned = 0;
        emit RewardsClaimed(ed25519Key, n.operator, amount);
        _token.mint(n.operator, amount);
    }

    // ---- quorum votes -----------------------------------------------------------------------------------------

    function vote(uint8 action, bytes32 target, uint64 round, bytes[] calldata signatures) external {
        uint64 current = _enter();
        if (action == uint8(Action.None) || action > uint8(Action.Deregister)) revert UnknownAction(action);
        if (round != current) revert StaleRound(round, current);
        bytes32 digest = voteDigest(action, target, round);
        if (_usedVotes[digest]) revert VoteAlreadyUsed(digest);
        Node storage n = _nodes[target];
        Status status = n.status;
        if (status == Status.None) revert NodeNotFound(target);
        if (action == uint8(Action.Decommission) && status != Status.Active) revert WrongStatus(target, status);
        if (action == uint8(Action.Recommission) && status != Status.Decommissioned) {
            revert WrongStatus(target, status);
        }
        if (action == uint8(Action.Deregister) && status != Status.Active && status != Status.Decommissioned) {
            revert WrongStatus(target, status);
        }
        _checkSignatures(digest, signatures);
        _usedVotes[digest] = true;

        if (action == uint8(Action.Decommission)) {
            _unlist(target);
            n.status = Status.Decommissioned;
            emit NodeDecommissioned(target, round);
        } else if (action == uint8(Action.Recommission)) {
            n.status = Status.Active;
            _list(target);
            emit NodeRecommissioned(target, round);
        } else {
            if (status == Status.Active) _unlist(target);
            uint256 penalty = (n.stake * PENALTY_BPS) / 10_000;
            n.stake -= penalty;
            n.status = Status.Deregistered;
            uint64 unlockBlock = uint64(block.number) + unlockDelay;
            n.unlockBlock = unlockBlock;
            emit NodeDeregistered(target, round, penalty, unlockBlock);
            if (penalty > 0) _token.burn(penalty);
        }
    }

    /// @dev Needs required() distinct members of the sealed quorum; any bad signature refuses the whole vote.
    function _checkSignatures(bytes32 digest, bytes[] calldata signatures) private view {
        uint256 q = _sealedCount;
        if (q == 0) revert NoQuorum();
        bytes32[10] memory members = _sealedMembers;
        bool[10] memory seen;
        uint256 valid;
        for (uint256 i = 0; i < signatures.length; ++i) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
            bytes32 node = _nodeOfVoteKey[signer];
            uint256 m = q;
            if (node != bytes32(0)) {
                for (uint256 k = 0; k < q; ++k) {
                    if (members[k] == node) {
                        m = k;
                        break;
                    }
                }
            }
            if (m == q) revert SignerNotInQuorum(signer);
            if (seen[m]) revert DuplicateSigner(signer);
            seen[m] = true;
            ++valid;
        }
        uint256 required = _required(q);
        if (valid < required) revert NotEnoughSignatures(valid, required);
    }

    // ---- views ------------------------------------------------------------------------------------------------

    function token() external view returns (address) {
        return address(_token);
    }

    function currentRound() public view returns (uint64) {
        return uint64(block.number / roundLength);
    }

    function quorumOf(uint64 round) external view returns (bytes32[] memory members, uint256 required) {
        uint64 current = currentRound();
        if (round != current) revert StaleRound(round, current);
        if (_sealedRoundPlusOne == uint64(current) + 1) {
            members = new bytes32[](_sealedCount);
            for (uint256 i = 0; i < members.length; ++i) {
                members[i] = _sealedMembers[i];
            }
        } else {
            (, members) = _draw(current);
        }
        required = _required(members.length);
    }

    function voteDigest(uint8 action, bytes32 target, uint64 round) public view returns (bytes32) {
        return keccak256(abi.encode(VOTE_TAG, block.chainid, address(this), action, target, round));
    }

    function joinProofMessage(address operator, bytes32 ed25519Key, bytes32 x25519Key, address voteKey)
        external
        view
        returns (bytes32)
    {
        return keccak256(abi.encode(JOIN_TAG, block.chainid, address(this), operator, ed25519Key, x25519Key, voteKey));
    }

    function getNode(bytes32 ed25519Key) external view returns (Node memory) {
        return _nodes[ed25519Key];
    }

    function activeCount() external view returns (uint256) {
        return _active.length;
    }

    function activeNodes() external view returns (bytes32[] memory) {
        return _active;
    }

    function nodeOfVoteKey(address voteKey) external view returns (bytes32) {
        return _nodeOfVoteKey[voteKey];
    }

    function pendingRewards(bytes32 ed25519Key) external view returns (uint256) {
        uint256 owed = _accounts[ed25519Key].earned;
        if (_nodes[ed25519Key].status == Status.Active) {
            uint256 acc = _acc;
            uint256 n = _active.length;
            if (block.number > _accBlock && n > 0) {
                acc += ((block.number - _accBlock) * rewardPerBlock * ACC_SCALE) / n;
            }
            owed += (acc - _accounts[ed25519Key].debt) / ACC_SCALE;
        }
        return owed;
    }

    // ---- internals --------------------------------------------------------------------------------------------

    /// @dev Every state change starts here: seal this round's quorum from the list as it stood at the round's
    /// start (nothing has changed it yet in this round), then accrue rewards up to this block.
    function _enter() private returns (uint64 round) {
        round = currentRound();
        if (_sealedRoundPlusOne != round + 1) {
            (bytes32 seed, bytes32[] memory members) = _draw(round);
            for (uint256 i = 0; i < members.length; ++i) {
                _sealedMembers[i] = members[i];
            }
            _sealedCount = uint8(members.length);
            _sealedRoundPlusOne = round + 1;
            emit QuorumSealed(round, seed, members);
        }
        if (block.number > _accBlock) {
            uint256 n = _active.length;
            if (n > 0) _acc += ((block.number - _accBlock) * rewardPerBlock * ACC_SCALE) / n;
            _accBlock = uint64(block.number);
        }
    }

    function _draw(uint64 round) private view returns (bytes32 seed, bytes32[] memory members) {
        seed = round == 0 ? bytes32(0) : blockhash(uint256(round) * roundLength - 1);
        members = QuorumDraw.draw(seed, _active, QUORUM_SIZE);
    }

    function _required(uint256 q) private pure returns (uint256) {
        return QuorumDraw.required(q, QUORUM_THRESHOLD, QUORUM_SIZE);
    }

    function _operatorsNode(bytes32 ed25519Key) private view returns (Node storage n) {
        n = _nodes[ed25519Key];
        if (n.status == Status.None) revert NodeNotFound(ed25519Key);
        if (n.operator != msg.sender) revert NotOperator(ed25519Key, msg.sender);
    }

    function _checkAddress(string calldata host, uint16 port) private pure {
        uint256 length = bytes(host).length;
        if (length == 0 || length > MAX_HOST_LENGTH) revert InvalidHost();
        if (port == 0) revert InvalidPort();
    }

    function _list(bytes32 key) private {
        _active.push(key);
        _activeSlot[key] = _active.length;
        _accounts[key].debt = _acc;
    }

    function _unlist(bytes32 key) private {
        _settle(key);
        uint256 slot = _activeSlot[key];
        uint256 last = _active.length;
        if (slot != last) {
            bytes32 moved = _active[last - 1];
            _active[slot - 1] = moved;
            _activeSlot[moved] = slot;
        }
        _active.pop();
        delete _activeSlot[key];
    }

    /// @dev Moves an Active node's rewards since its last settlement into its unpaid balance.
    function _settle(bytes32 key) private {
        Account storage a = _accounts[key];
        a.earned += (_acc - a.debt) / ACC_SCALE;
        a.debt = _acc;
    }
}
