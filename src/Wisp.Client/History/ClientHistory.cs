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
    // One replicator per session: an own device shares the Account ID, so the session, not the peer, tells them apart.
    private readonly ConcurrentDictionary<LiveSession, HistoryReplicator> _replicators = new();

    internal ClientHistory(AccountData data, Ed25519KeyPair account, ClientDirect direct, TimeProvider time)
    {
        _data = data;
        _account = account;
        _direct = direct;
        _time = time;
        _store = new HistoryStore(data.Local);
        direct.MessageQueued += sent =>
            HistoryAppend.Append(data, account, sent.Message.Peer, sent.Content, sent.Message.SentAtMs, NowMs);
        direct.RegisterChannel(Channel, (Func<LiveSession, ReadOnlyMemory<byte>, CancellationToken, Task>)OnFrameAsync);
        direct.OwnDeviceSession += session => _ = ReplicateOwnAsync(session);
    }

    /// <summary>Every log this device holds: owner, conversation, length, what is verified, gaps, refusals.</summary>
    public IReadOnlyList<HistoryLogStatus> Logs() =>
        [.. _store.List().Select(l => new HistoryLogStatus(
            Convert.ToHexStringLower(l.LogId), l.Owner, l.Manifest.Conversation, l.Own, l.Length, l.Head?.Length ?? 0,
            l.Seen?.Length ?? 0, l.Gap, l.SeenFrom, l.Imported, l.Refused))];

    /// <summary>What replication refused lately (peer, reason, Unix ms), newest first.</summary>
    public IReadOnlyList<(string Peer, string Reason, long AtMs)> Refusals() => _store.Refusals();

    /// <summary>
    /// Fetches every log the reachable peers hold for this account — its own other devices first (by the direct keys in
    /// their device records), then contacts in direct mode, one direct session each — and imports the verified blocks
    /// into conversations, without duplicates. The caller fetches from the swarm first, so what the swarm still holds is
    /// recognised rather than doubled.
    /// </summary>
    public async Task<HistoryRestoreResult> RestoreAsync(IProgress<string>? progress, TimeSpan perPeer, CancellationToken cancellationToken)
    {
        var peers = _direct.List().Where(c => c.State == DirectState.On).Select(c => c.Peer).ToList();
        var devices = _direct.OwnDevices?.Invoke() ?? [];
        var startedMs = NowMs;
        var reached = new List<AccountId>();
        var missed = new List<(AccountId, string)>();
        var devicesReached = new List<string>();
        var devicesMissed = new List<(string, string)>();
        if (_direct.Sessions is not { } sessions)
        {
            const string notRunning = "direct mode is not running in this process";
            return new HistoryRestoreResult(reached, [.. peers.Select(p => (p, notRunning))], new HistoryImportResult(0, 0, 0))
            {
                DevicesMissed = [.. devices.Select(d => (d.DeviceId, notRunning))],
            };
        }
        // Own devices first: they hold this account's own logs in full, and every contact's log they replicated.
        foreach (var device in devices)
        {
            var name = $"own device {device.DeviceId[..12]} ({device.Description})";
            if (device.DirectKey is not { } key)
            {
                devicesMissed.Add((device.DeviceId, "its device record has no direct key (a Wisp without direct mode)"));
                continue;
            }
            progress?.Report($"asking {name} for its logs");
            var live = await _direct.EnsureOwnAsync(key, cancellationToken).ConfigureAwait(false);
            var why = live is null ? "no direct session" : await SettleAsync(name, live, progress, perPeer, cancellationToken).ConfigureAwait(false);
            if (why is null)
                devicesReached.Add(device.DeviceId);
            else
                devicesMissed.Add((device.DeviceId, why));
        }
        foreach (var peer in peers)
        {
            progress?.Report($"asking {peer} for its logs");
            var live = await sessions.EnsureAsync(peer, cancellationToken).ConfigureAwait(false);
            var why = live is null ? "no direct session" : await SettleAsync(peer.ToString(), live, progress, perPeer, cancellationToken).ConfigureAwait(false);
            if (why is null)
                reached.Add(peer);
            else
                missed.Add((peer, why));
        }
        var imported = HistoryImport.Run(_data, _account.AccountId, NowMs,
            (log, taken) => progress?.Report($"imported {taken} messages from the log of {log.Owner} (conversation {log.Manifest.Conversation})"));
        return new HistoryRestoreResult(reached, missed, imported)
        {
            DevicesReached = devicesReached,
            DevicesMissed = devicesMissed,
            Refused = [.. _store.Refusals().Where(r => r.At >= startedMs).Select(r => (r.Peer, r.Reason))],
        };
    }

    // Replicates with one peer until settled; null, or why not. Both ends of an own device (or a contact) may dial at
    // once: the session asked on can then lose the tie-break (or be replaced) while the round runs, and the round goes on
    // on the session kept instead rather than counting the peer as missed.
    private async Task<string?> SettleAsync(string name, LiveSession live, IProgress<string>? progress, TimeSpan perPeer, CancellationToken cancellationToken)
    {
        for (var moves = 0; ; moves++)
        {
            var why = await SettleOnAsync(name, live, progress, perPeer, cancellationToken).ConfigureAwait(false);
            if (why is null || live.IsOpen || moves >= MaxSessionMoves || live.KeptInstead is not { IsOpen: true } kept)
                return why;
            live = kept;
        }
    }

    // A bound on sessions followed per peer, so a peer that keeps replacing its session cannot hold a restore forever.
    private const int MaxSessionMoves = 3;

    // Replicates on one session until the peer's sync and every request it caused are answered; null, or why not.
    private async Task<string?> SettleOnAsync(string name, LiveSession live, IProgress<string>? progress, TimeSpan perPeer, CancellationToken cancellationToken)
    {
        // An own device's session may have just opened replication by itself (on connect): that round is waited for.
        var replicator = _replicators.TryGetValue(live, out var known) ? known : Fresh(live);
        replicator.Progress += log => progress?.Report($"{name}: log {Convert.ToHexStringLower(log.LogId)[..12]} of {log.Owner} at {log.Length}/{log.Seen?.Length ?? log.Length}");
        if (!OpenedLately(replicator) || replicator.Settled.IsCompleted)
            await replicator.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, live.Closed);
        timeout.CancelAfter(perPeer);
        try
        {
            await replicator.Settled.WaitAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return live.IsOpen ? "did not finish in time" : $"the session ended ({live.End.ToString().ToLowerInvariant()})";
        }
    }

    // An own device's session (new, or each interval): the side that opened it opens replication, whose sync asks the
    // other's in return, so every log goes both ways in one round.
    private async Task ReplicateOwnAsync(LiveSession live)
    {
        if (live.Inbound)
            return;
        try
        {
            var replicator = _replicators.TryGetValue(live, out var known) ? known : Fresh(live);
            if (OpenedLately(replicator) && !replicator.Settled.IsCompleted)
                return; // a round is under way
            await replicator.OpenAsync(live.Closed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The session ended; the next one replicates.
        }
    }

    private bool OpenedLately(HistoryReplicator replicator) => NowMs - replicator.OpenedAtMs < 30_000;

    private HistoryReplicator Fresh(LiveSession live)
    {
        var replicator = new HistoryReplicator(_store, _account.AccountId, live.Peer,
            (frame, ct) => live.TrySendAsync(DirectFrame.OnChannel(Channel, frame), ct), _time);
        _replicators[live] = replicator;
        // Forget it with its session, so a long-running client keeps none for sessions that ended.
        live.Closed.Register(() => _replicators.TryRemove(new KeyValuePair<LiveSession, HistoryReplicator>(live, replicator)));
        return replicator;
    }

    private async Task OnFrameAsync(LiveSession live, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // A replicator answers on the session it was made for: a peer back on a new session (a new device of theirs,
        // a reconnect) gets a fresh one, else the answers would go to the closed session and the restore would stall.
        var replicator = _replicators.TryGetValue(live, out var known)
            ? known
            : Fresh(live); // the peer's opening sync asks for ours
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

/// <summary>What a restore did: the contacts that answered, the ones that could not, and what was imported.</summary>
public sealed record HistoryRestoreResult(
    IReadOnlyList<AccountId> Reached, IReadOnlyList<(AccountId Peer, string Why)> Missed, HistoryImportResult Imported)
{
    /// <summary>The account's own devices (device ids, hex) that answered; they are asked before any contact.</summary>
    public IReadOnlyList<string> DevicesReached { get; init; } = [];

    /// <summary>The own devices that could not be asked, and why.</summary>
    public IReadOnlyList<(string DeviceId, string Why)> DevicesMissed { get; init; } = [];

    /// <summary>What this restore refused (the peer's Account ID, the reason), newest first: nothing of a refused range is kept.</summary>
    public IReadOnlyList<(string Peer, string Reason)> Refused { get; init; } = [];
}
