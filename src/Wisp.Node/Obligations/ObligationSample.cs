using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Node.Obligations;

/// <summary>
/// The nodes a quorum member tests in a round: every staked node but itself (active or decommissioned, quorum members
/// included: in a network of ten nodes or fewer the quorum is every active node), ordered by BLAKE2b-256 of the
/// round's seed and the node's key, at most <see cref="ObligationLimits.MaxTargetsPerRound"/>. Every member computes
/// the same order, so their findings are about the same nodes and their votes can meet.
/// </summary>
public static class ObligationSample
{
    /// <summary>The targets <paramref name="self"/> tests in <paramref name="round"/>, in test order.</summary>
    public static IReadOnlyList<LedgerNode> Targets(ObligationRound round, Ed25519PublicKey self)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(self);
        return round.Nodes
            .Where(n => !n.Key.Equals(self))
            .Select(n => (Node: n, Rank: Convert.ToHexStringLower(Rank(round.Seed, n.Key))))
            .OrderBy(x => x.Rank, StringComparer.Ordinal)
            .Take(ObligationLimits.MaxTargetsPerRound)
            .Select(x => x.Node)
            .ToList();
    }

    private static byte[] Rank(byte[] seed, Ed25519PublicKey node)
    {
        var input = new byte[seed.Length + Ed25519PublicKey.Bytes];
        seed.CopyTo(input, 0);
        node.Span.CopyTo(input.AsSpan(seed.Length));
        return Blake2b.Hash(input, 32);
    }
}
