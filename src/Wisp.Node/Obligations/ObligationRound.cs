using Wisp.Crypto.Keys;

namespace Wisp.Node.Obligations;

/// <summary>What a vote asks the registry to do with a node.</summary>
public enum VoteAction
{
    /// <summary>An active node failed: out of the swarms and rewards, its stake kept, until it recovers or its credit runs out.</summary>
    Decommission = 1,
    /// <summary>A decommissioned node passed again: back into the active list.</summary>
    Recommission = 2,
    /// <summary>A decommissioned node stayed down past its credit: removed for good, its stake penalised.</summary>
    Deregister = 3,
}

/// <summary>A node's standing in the registry.</summary>
public enum NodeStanding
{
    /// <summary>Serving: in the swarms, tested by quorums, may sit on one.</summary>
    Active,
    /// <summary>Voted out for a failure, still staked; tested by quorums for recovery.</summary>
    Decommissioned,
}

/// <summary>A node as the registry holds it: key, standing, and the round its standing began.</summary>
public sealed record LedgerNode(Ed25519PublicKey Key, NodeStanding Standing, long SinceRound);

/// <summary>A quorum seat: the node and the secp256k1 address whose signatures count as its votes.</summary>
public sealed record QuorumMember(Ed25519PublicKey Key, string Voter);

/// <summary>One vote: in <paramref name="Round"/>, do <paramref name="Action"/> to <paramref name="Node"/>.</summary>
public sealed record VoteSubject(long Round, VoteAction Action, Ed25519PublicKey Node);

/// <summary>A quorum member's signature, by its seat number in the round's quorum.</summary>
public sealed record QuorumSignature(int Seat, byte[] Signature);

/// <summary>What became of a submitted vote.</summary>
/// <param name="Applied">True when this transaction changed the node's standing.</param>
/// <param name="Detail">The transaction hash, or the chain's refusal.</param>
public sealed record VoteSubmission(bool Applied, string Detail);

/// <summary>
/// One obligations round as the registry defines it: its number and seed (a block hash), its quorum in seat order,
/// the signatures a vote needs, the rounds a decommissioned node may stay down before deregistration, and every
/// staked node with its standing.
/// </summary>
public sealed record ObligationRound(
    long Number, byte[] Seed, IReadOnlyList<QuorumMember> Quorum, int Threshold, long DeregisterAfterRounds,
    IReadOnlyList<LedgerNode> Nodes)
{
    /// <summary>The seat of <paramref name="node"/> in the quorum, or -1.</summary>
    public int SeatOf(Ed25519PublicKey node)
    {
        for (var i = 0; i < Quorum.Count; i++)
            if (Quorum[i].Key.Equals(node))
                return i;
        return -1;
    }

    /// <summary>The registry's record of <paramref name="node"/>, or null when it is not staked.</summary>
    public LedgerNode? Find(Ed25519PublicKey node) => Nodes.FirstOrDefault(n => n.Key.Equals(node));
}

/// <summary>
/// The registry as the obligations service sees it (for a staked network, the registry contract through
/// <c>Wisp.Chain</c>): rounds and quorums, this node's vote signature, checking another member's, and submitting a
/// vote with its signatures.
/// </summary>
public interface IObligationLedger
{
    /// <summary>Round <paramref name="number"/> (the current one when null), or null when it cannot be read (not yet mined, or too old to vote on).</summary>
    Task<ObligationRound?> RoundAsync(long? number, CancellationToken cancellationToken);

    /// <summary>This node's signature of <paramref name="subject"/> (65 bytes r‖s‖v).</summary>
    byte[] Sign(VoteSubject subject);

    /// <summary>True when <paramref name="signature"/> is <paramref name="voter"/>'s signature of <paramref name="subject"/>.</summary>
    bool IsSignedBy(VoteSubject subject, ReadOnlySpan<byte> signature, string voter);

    /// <summary>Submits <paramref name="subject"/> with <paramref name="signatures"/> (at least the threshold, distinct seats).</summary>
    Task<VoteSubmission> SubmitAsync(VoteSubject subject, IReadOnlyList<QuorumSignature> signatures, CancellationToken cancellationToken);
}

/// <summary>The wire names of <see cref="VoteAction"/> (<see cref="Protocol.Peering.ObligationVote.Actions"/>).</summary>
public static class VoteActions
{
    /// <summary>"decommission", "recommission" or "deregister".</summary>
    public static string Name(VoteAction action) => Protocol.Peering.ObligationVote.Actions[(int)action - 1];

    /// <summary>The action of a wire name already checked by <see cref="Protocol.Peering.ObligationVote.Read(ReadOnlyMemory{byte})"/>.</summary>
    public static VoteAction Parse(string name)
    {
        for (var i = 0; i < Protocol.Peering.ObligationVote.Actions.Count; i++)
            if (Protocol.Peering.ObligationVote.Actions[i] == name)
                return (VoteAction)(i + 1);
        throw new ArgumentException($"{name} is not a vote action", nameof(name));
    }
}
