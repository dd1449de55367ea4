using Wisp.Crypto.Keys;

namespace Wisp.Chain.Registry;

/// <summary>A node's status in the registry contract (the contract's own <c>Status</c> values).</summary>
public enum ChainNodeStatus
{
    /// <summary>No such node (never joined, or withdrawn).</summary>
    None = 0,
    /// <summary>Staked and listed: in the swarms, earning rewards.</summary>
    Active = 1,
    /// <summary>Voted out for now: unlisted, not earning; a vote may recommission it.</summary>
    Decommissioned = 2,
    /// <summary>Its operator asked to leave: unlisted; the stake unlocks at its unlock block.</summary>
    Exiting = 3,
    /// <summary>Voted out for good: unlisted, part of the stake burned; the rest unlocks at its unlock block.</summary>
    Deregistered = 4,
}

/// <summary>A staked node's chain-side record as the registry's events tell it: who staked it and where it stands.</summary>
/// <param name="Node">The node's Ed25519 key.</param>
/// <param name="Operator">The address that staked it (owns the stake and its rewards).</param>
/// <param name="VoteKey">The address of the secp256k1 key the node signs quorum votes with.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="JoinedBlock">The block of its join.</param>
/// <param name="UnlockBlock">While exiting or deregistered: the first block its stake may be withdrawn in.</param>
public sealed record ChainNodeState(Ed25519PublicKey Node, string Operator, string VoteKey, ChainNodeStatus Status, long JoinedBlock, long? UnlockBlock)
{
    /// <summary>True when the node is in the node list and the swarms.</summary>
    public bool IsListed => Status == ChainNodeStatus.Active;
}
