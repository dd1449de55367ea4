using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Wisp.Chain.Contracts;

// The registry contract's events (IWispRegistry.sol), as Nethereum event DTOs: Nethereum derives each topic and
// decodes each log from these attributes, so no ABI is encoded here by hand.

/// <summary><c>NodeJoined</c>: a node staked and is listed.</summary>
[Event("NodeJoined")]
public sealed class NodeJoinedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("address", "operator", 2, true)] public string Operator { get; set; } = "";
    [Parameter("bytes32", "x25519Key", 3, false)] public byte[] X25519Key { get; set; } = [];
    [Parameter("string", "host", 4, false)] public string Host { get; set; } = "";
    [Parameter("uint16", "port", 5, false)] public int Port { get; set; }
    [Parameter("address", "voteKey", 6, false)] public string VoteKey { get; set; } = "";
    [Parameter("uint256", "stake", 7, false)] public BigInteger Stake { get; set; }
    [Parameter("bytes", "ed25519Proof", 8, false)] public byte[] Ed25519Proof { get; set; } = [];
}

/// <summary><c>NodeAddressUpdated</c>: a node's new host and port.</summary>
[Event("NodeAddressUpdated")]
public sealed class NodeAddressUpdatedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("string", "host", 2, false)] public string Host { get; set; } = "";
    [Parameter("uint16", "port", 3, false)] public int Port { get; set; }
}

/// <summary><c>NodeExitRequested</c>: the operator asked to leave; the node is unlisted.</summary>
[Event("NodeExitRequested")]
public sealed class NodeExitRequestedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("uint64", "unlockBlock", 2, false)] public ulong UnlockBlock { get; set; }
}

/// <summary><c>NodeDecommissioned</c>: a quorum voted the node out for now.</summary>
[Event("NodeDecommissioned")]
public sealed class NodeDecommissionedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("uint64", "round", 2, true)] public ulong Round { get; set; }
}

/// <summary><c>NodeRecommissioned</c>: a quorum voted a decommissioned node back in.</summary>
[Event("NodeRecommissioned")]
public sealed class NodeRecommissionedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("uint64", "round", 2, true)] public ulong Round { get; set; }
}

/// <summary><c>NodeDeregistered</c>: a quorum voted the node out for good; part of its stake was burned.</summary>
[Event("NodeDeregistered")]
public sealed class NodeDeregisteredEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("uint64", "round", 2, true)] public ulong Round { get; set; }
    [Parameter("uint256", "penalty", 3, false)] public BigInteger Penalty { get; set; }
    [Parameter("uint64", "unlockBlock", 4, false)] public ulong UnlockBlock { get; set; }
}

/// <summary><c>NodeWithdrawn</c>: the stake went back and the contract forgot the node.</summary>
[Event("NodeWithdrawn")]
public sealed class NodeWithdrawnEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("address", "operator", 2, true)] public string Operator { get; set; } = "";
    [Parameter("uint256", "stakeReturned", 3, false)] public BigInteger StakeReturned { get; set; }
    [Parameter("uint256", "rewardsPaid", 4, false)] public BigInteger RewardsPaid { get; set; }
}

/// <summary><c>RewardsClaimed</c>: a node's rewards were paid to its operator.</summary>
[Event("RewardsClaimed")]
public sealed class RewardsClaimedEvent : IEventDTO
{
    [Parameter("bytes32", "ed25519Key", 1, true)] public byte[] Ed25519Key { get; set; } = [];
    [Parameter("address", "operator", 2, true)] public string Operator { get; set; } = "";
    [Parameter("uint256", "amount", 3, false)] public BigInteger Amount { get; set; }
}
