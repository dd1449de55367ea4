using System.Collections.Concurrent;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;
using Wisp.Protocol.History;

namespace Wisp.Client.History;

/// <summary>
/// Signed history logs (issue 20): every 1:1 message this device sends is appended to its signed log of that
/// conversation; logs replicate over direct sessions (channel <see cref="Channel"/>) with contacts in direct mode and
/// with the account's own devices; <see cref="RestoreAsync"/> fetches what peers hold and imports history older than
/// the swarm keeps.
/// </summary>
public sealed class ClientHistory
{
    /// <summary>The direct-session channel history replication speaks on.</summary>
    public const ushort Channel = 2;

    private readonly AccountData _data;
    private readonly Ed25519KeyPair _account;
    private readonly ClientDirect _direct;
    private readonly TimeProvider _time;
    private readonly HistoryStore _store;
    private readonly ConcurrentDictionary<string, (HistoryReplicator Replicator, LiveSession Session)> _replicators = new();

    internal ClientHistory(AccountData data, Ed25519KeyPair account, ClientDirect direct, TimeProvider time)
    {
        _data = data;
        _account = account;
        _direct = direct;
        _time = time;
        _store = new HistoryStore(data.Local);
        direct.MessageQueued += sent =>
            HistoryAppend.Append(data, account, sent.Message.Peer, sent.Content, sent.Message.SentAtMs, NowMs);
        direct.RegisterChannel(Channel, OnFrameAsync);
    }

    /// <summary>Every log this device holds: owner, conversation, length, what is verified, gaps, refusals.</summary>
    public IReadOnlyList<HistoryLogStatus> Logs() =>
        [.. _store.List().Select(l => new HistoryLogStatus(
            Convert.ToHexStringLower(l.LogId), l.Owner, l.Manifest.Conversation, l.Own, l.Length, l.Head?.Length ?? 0,
            l.Seen?.Length ?? 0, l.Gap, l.SeenFrom, l.Imported, l.Refused))];

    /// <summary>What replication refused lately (peer, reason, Unix ms), newest first.</summary>
    public IReadOnlyList<(string Peer, string Reason, long AtMs)> Refusals() => _store.Refusals();

    /// <summary>
    /// Fetches every log the reachable peers hold for this account (its other devices, and contacts in direct mode, one
    /// direct session each) and imports the verified blocks into conversations, without duplicates. The caller fetches
    /// from the swarm first, so what the swarm still holds is recognised rather than doubled.
    /// </summary>
    public async Task<HistoryRestoreResult> RestoreAsync(IProgress<string>? progress, TimeSpan perPeer, CancellationToken cancellationToken)
    {
        var peers = _direct.List().Where(c => c.State == DirectState.On).Select(c => c.Peer).ToList();
        var reached = new List<AccountId>();
        var missed = new List<(AccountId, string)>();
        if (_direct.Sessions is not { } sessions)
            return new HistoryRestoreResult(reached, [.. peers.Select(p => (p, "direct mode is not running in this process"))], new HistoryImportResult(0, 0, 0));
        foreach (var peer in peers)
        {
            progress?.Report($"asking {peer} for its logs");
            var live = await sessions.EnsureAsync(peer, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                missed.Add((peer, "no direct session"));
                continue;
            }
            var replicator = Fresh(peer, live);
            replicator.Progress += log => progress?.Report($"{peer}: log {Convert.ToHexStringLower(log.LogId)[..12]} of {log.Owner} at {log.Length}/{log.Seen?.Length ?? log.Length}");
            await replicator.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, live.Closed);
            timeout.CancelAfter(perPeer);
            try
            {
                await replicator.Settled.WaitAsync(timeout.Token).ConfigureAwait(false);
                reached.Add(peer);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                missed.Add((peer, "did not finish in time"));
            }
        }
        var imported = HistoryImport.Run(_data, _account.AccountId, NowMs,
            (log, taken) => progress?.Report($"imported {taken} messages from the log of {log.Owner} (conversation {log.Manifest.Conversation})"));
        return new HistoryRestoreResult(reached, missed, imported);
    }

    private HistoryReplicator Fresh(AccountId peer, LiveSession live)
    {
        var replicator = new HistoryReplicator(_store, _account.AccountId, peer,
            (frame, ct) => live.TrySendAsync(DirectFrame.OnChannel(Channel, frame), ct), _time);
        _replicators[peer.Hex] = (replicator, live);
        return replicator;
    }

    private async Task OnFrameAsync(AccountId peer, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (_direct.Sessions?.Live(peer) is not { } live)
            return;
        // A replicator answers on the session it was made for: a peer back on a new session (a new device of theirs,
        // a reconnect) gets a fresh one, else the answers would go to the closed session and the restore would stall.
        var replicator = _replicators.TryGetValue(peer.Hex, out var known) && ReferenceEquals(known.Session, live)
            ? known.Replicator
            : Fresh(peer, live); // the peer's opening sync asks for ours
        await replicator.ReceiveAsync(payload.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();
}

/// <summary>One log as <c>wisp p2p logs</c> shows it.</summary>
/// <param name="LogId">Hex.</param>
/// <param name="Owner">The account whose device writes it.</param>
/// <param name="Conversation">The peer of the conversation it records.</param>
/// <param name="Own">Whether this device writes it.</param>
/// <param name="Length">Blocks held from the start, each verified against the owner's signed head.</param>
/// <param name="VerifiedLength">The length of the signed head held (what this device can prove to others).</param>
/// <param name="SignedLength">The longest signed head seen.</param>
/// <param name="Gap">Blocks a signed head promises that are not held.</param>
/// <param name="SeenFrom">Who showed the longest head (an Account ID, or "self").</param>
/// <param name="Imported">Blocks taken into conversations.</param>
/// <param name="Refused">Why the log is no longer trusted (a fork), or null.</param>
public sealed record HistoryLogStatus(
    string LogId, AccountId Owner, AccountId Conversation, bool Own, ulong Length, ulong VerifiedLength, ulong SignedLength,
    ulong Gap, string? SeenFrom, ulong Imported, string? Refused);

/// <summary>What a restore did: the peers that answered, the ones that could not, and what was imported.</summary>
public sealed record HistoryRestoreResult(
    IReadOnlyList<AccountId> Reached, IReadOnlyList<(AccountId Peer, string Why)> Missed, HistoryImportResult Imported);
