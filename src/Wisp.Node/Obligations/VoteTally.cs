using Wisp.Crypto.Keys;

namespace Wisp.Node.Obligations;

/// <summary>
/// The signatures a quorum member has collected, per vote: only from members of that round's quorum, one per seat,
/// each checked against the member's voter address, and only for a vote the registry could apply to the node's
/// standing. Bounded: a round's quorum and staked nodes cap what one round can hold, and only the newest
/// <see cref="ObligationLimits.RoundsKept"/> rounds are kept.
/// </summary>
public sealed class VoteTally(IObligationLedger ledger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(long Round, VoteAction Action, string Node), SortedDictionary<int, byte[]>> _votes = [];

    /// <summary>
    /// Adds <paramref name="from"/>'s <paramref name="signature"/> of <paramref name="subject"/> in <paramref name="round"/>;
    /// returns the number of distinct valid signatures now held, or the refusal.
    /// </summary>
    public TallyOutcome Add(ObligationRound round, VoteSubject subject, Ed25519PublicKey from, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(from);
        if (subject.Round != round.Number)
            return TallyOutcome.Refused($"the vote is for round {subject.Round}, not {round.Number}");
        var seat = round.SeatOf(from);
        if (seat < 0)
            return TallyOutcome.Refused($"{from.ToHex()} is not in the quorum of round {round.Number}");
        if (round.Find(subject.Node) is not { } node)
            return TallyOutcome.Refused($"{subject.Node.ToHex()} is not a staked node");
        if (!ObligationVerdict.Fits(subject.Action, node.Standing))
            return TallyOutcome.Refused($"a {subject.Action.ToString().ToLowerInvariant()} vote does not fit a node that is {node.Standing.ToString().ToLowerInvariant()}");
        if (!ledger.IsSignedBy(subject, signature, round.Quorum[seat].Voter))
            return TallyOutcome.Refused($"the signature is not the vote of {round.Quorum[seat].Voter}");

        lock (_lock)
        {
            var key = Key(subject);
            if (!_votes.TryGetValue(key, out var seats))
            {
                _votes[key] = seats = [];
                Forget(round.Number - ObligationLimits.RoundsKept);
            }
            seats[seat] = signature.ToArray();
            return TallyOutcome.Counted(seats.Count);
        }
    }

    /// <summary>The signatures held for <paramref name="subject"/>, by seat.</summary>
    public IReadOnlyList<QuorumSignature> Signatures(VoteSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock)
        {
            return _votes.TryGetValue(Key(subject), out var seats)
                ? seats.Select(s => new QuorumSignature(s.Key, s.Value)).ToList()
                : [];
        }
    }

    /// <summary>The number of votes (subjects) held, across the kept rounds.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _votes.Count;
        }
    }

    private static (long, VoteAction, string) Key(VoteSubject subject) => (subject.Round, subject.Action, subject.Node.ToHex());

    private void Forget(long olderThan)
    {
        foreach (var key in _votes.Keys.Where(k => k.Round < olderThan).ToList())
            _votes.Remove(key);
    }
}

/// <summary>The result of adding a signature: the count now held, or why it was refused.</summary>
public readonly record struct TallyOutcome(int Count, string? Refusal)
{
    /// <summary>True when the signature was counted.</summary>
    public bool Accepted => Refusal is null;

    /// <summary>Counted; <paramref name="count"/> distinct signatures are held.</summary>
    public static TallyOutcome Counted(int count) => new(count, null);

    /// <summary>Refused for <paramref name="reason"/>.</summary>
    public static TallyOutcome Refused(string reason) => new(0, reason);
}
