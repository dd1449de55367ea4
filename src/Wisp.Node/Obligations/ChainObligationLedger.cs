using Wisp.Chain.Votes;
using Wisp.Crypto.Keys;

namespace Wisp.Node.Obligations;

/// <summary>
/// <see cref="IObligationLedger"/> over the registry contract (<see cref="VoteClient"/>). Only the current round can
/// be voted on (the contract refuses any other), so <see cref="RoundAsync"/> answers null for any other round. A round
/// is read once and kept until the chain moves to the next: its quorum with the members' vote keys, the active list
/// and the decommissioned nodes (with the round each went down), and its seed. <paramref name="deregisterAfterRounds"/>
/// is the network's agreed delay before a decommissioned node that stays down is deregistered (see PROTOCOL.md).
/// </summary>
public sealed class ChainObligationLedger(VoteClient client, long deregisterAfterRounds) : IObligationLedger
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong? _roundLength;
    private ObligationRound? _current;

    /// <inheritdoc />
    public async Task<ObligationRound?> RoundAsync(long? number, CancellationToken cancellationToken)
    {
        var current = await client.CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
        if (number is { } asked && asked != (long)current)
            return null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current?.Number == (long)current)
                return _current;
            _roundLength ??= await client.RoundLengthAsync(cancellationToken).ConfigureAwait(false);
            var quorum = await client.QuorumAsync(current, cancellationToken).ConfigureAwait(false);
            var active = await client.ActiveNodesAsync(cancellationToken).ConfigureAwait(false);
            var down = await client.DecommissionedAsync(cancellationToken).ConfigureAwait(false);
            var seed = await client.SeedAsync(current, _roundLength.Value, cancellationToken).ConfigureAwait(false);
            var nodes = active.Select(k => new LedgerNode(new Ed25519PublicKey(k), NodeStanding.Active, 0))
                .Concat(down.Select(d => new LedgerNode(new Ed25519PublicKey(d.Key), NodeStanding.Decommissioned, (long)d.SinceRound)))
                .ToList();
            var members = quorum.Members.Select((m, i) => new QuorumMember(new Ed25519PublicKey(m), quorum.VoteKeys[i])).ToList();
            return _current = new ObligationRound((long)current, seed, members, quorum.Required, deregisterAfterRounds, nodes);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public byte[] Sign(VoteSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return client.Sign((byte)subject.Action, subject.Node.Span, (ulong)subject.Round);
    }

    /// <inheritdoc />
    public bool IsSignedBy(VoteSubject subject, ReadOnlySpan<byte> signature, string voter)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var signer = VoteSignature.Signer(client.Digest((byte)subject.Action, subject.Node.Span, (ulong)subject.Round), signature);
        return signer is not null && string.Equals(signer, voter, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public async Task<VoteSubmission> SubmitAsync(VoteSubject subject, IReadOnlyList<QuorumSignature> signatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(signatures);
        var result = await client.SubmitAsync((byte)subject.Action, subject.Node.Span.ToArray(), (ulong)subject.Round,
            signatures.Select(s => s.Signature).ToList(), cancellationToken).ConfigureAwait(false);
        return new VoteSubmission(result.Applied, result.Detail);
    }
}
