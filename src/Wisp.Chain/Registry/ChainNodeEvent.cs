using Wisp.Crypto.Keys;

namespace Wisp.Chain.Registry;

/// <summary>
/// One registry contract event, decoded and placed: which block (number and hash), where in it, and what it says
/// about which node. <see cref="EvmRegistry"/> turns these, in chain order, into the registry's changes.
/// </summary>
/// <param name="BlockNumber">The block the event is in.</param>
/// <param name="BlockHash">That block's hash (0x + 64 hex digits).</param>
/// <param name="LogIndex">The event's index within its block.</param>
/// <param name="Node">The node's Ed25519 key.</param>
internal abstract record ChainNodeEvent(long BlockNumber, string BlockHash, long LogIndex, Ed25519PublicKey Node);

/// <summary><c>NodeJoined</c>: a node staked, with its keys, address, vote key and the proof that it holds its Ed25519 key.</summary>
internal sealed record ChainNodeJoined(
    long BlockNumber, string BlockHash, long LogIndex, Ed25519PublicKey Node,
    X25519PublicKey X25519Key, string Operator, string VoteKey, string Host, int Port, byte[] Proof)
    : ChainNodeEvent(BlockNumber, BlockHash, LogIndex, Node);

/// <summary><c>NodeAddressUpdated</c>: an active or decommissioned node's new address.</summary>
internal sealed record ChainNodeAddressUpdated(long BlockNumber, string BlockHash, long LogIndex, Ed25519PublicKey Node, string Host, int Port)
    : ChainNodeEvent(BlockNumber, BlockHash, LogIndex, Node);

/// <summary>
/// A status change: <c>NodeExitRequested</c>, <c>NodeDecommissioned</c>, <c>NodeRecommissioned</c> or
/// <c>NodeDeregistered</c>, with the node's status after it and, for an exit or a deregistration, the first block its
/// stake may be withdrawn in.
/// </summary>
internal sealed record ChainNodeStatusChanged(
    long BlockNumber, string BlockHash, long LogIndex, Ed25519PublicKey Node, ChainNodeStatus Status, long? UnlockBlock)
    : ChainNodeEvent(BlockNumber, BlockHash, LogIndex, Node);

/// <summary><c>NodeWithdrawn</c>: the stake went back to the operator and the contract forgot the node.</summary>
internal sealed record ChainNodeWithdrawn(long BlockNumber, string BlockHash, long LogIndex, Ed25519PublicKey Node)
    : ChainNodeEvent(BlockNumber, BlockHash, LogIndex, Node);
