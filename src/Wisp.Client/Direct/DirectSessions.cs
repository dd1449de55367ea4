using System.Collections.Concurrent;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Direct;

/// <summary>
/// The connection manager: one <see cref="IDirectTransport"/> per running client, listening on this device's direct
/// key behind a firewall that admits only the device keys of contacts in direct mode ("on"); a session to a contact is
/// opened when there is something to send (<see cref="EnsureAsync"/>) and kept while both are online. A contact that
/// could not be reached is not tried again for <see cref="DirectLimits.RetryAfterFailure"/>. One session per contact:
/// when both open one at once, both keep the one opened by the device with the larger direct key (as hyperswarm does)
/// and end the other as <see cref="SessionEnd.Duplicate"/>; a session opened the same way as the live one replaces it
/// (the peer lost the old one and came back). A message whose session lost the tie is resent on the winner. A session
/// this side opened that had to go through a blind relay is retried direct in the background
/// (<see cref="UpgradeTries"/> times, <see cref="UpgradeInterval"/> apart); a direct session then replaces it
/// (<see cref="PathChanged"/>). The account's own devices (their direct keys from the device group,
/// <see cref="OwnDevices"/>) are admitted too, one session per device keyed by its direct key, with the same tie-break.
/// </summary>
internal sealed partial class DirectSessions(DirectStore store, IDirectTransport transport, Func<long> nowMs, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LiveSession> _live = new();
    private readonly ConcurrentDictionary<string, long> _failedAt = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<LiveSession?>>> _connecting = new();
    private readonly ConcurrentDictionary<string, LiveSession> _own = new();
    private readonly ConcurrentDictionary<ushort, Func<LiveSession, ReadOnlyMemory<byte>, CancellationToken, Task>> _channels = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _adopting = new();
    private Ed25519KeyPair? _key; // the transport's for as long as it runs; zeroed at the end
    private int _started;

    /// <summary>
    /// Stores a stored-form message that came on a session (a contact's, or one an own device forwards); true when it is
    /// stored (or was already), so it is acked.
    /// </summary>
    public Func<LiveSession, byte[], bool>? MessageReceived { get; set; }

    /// <summary>Takes a file frame (offer, chunk, done, ack) that came on a session; answers go back on that session.</summary>
    public Func<LiveSession, DirectFrame, CancellationToken, Task>? FileFrame { get; set; }

    /// <summary>Raised when a session with a contact opened or ended (true: opened).</summary>
    public event Action<AccountId, bool>? SessionChanged;

    /// <summary>Raised when a session with one of the account's own devices opened.</summary>
    public event Action<LiveSession>? OwnSessionOpened;

    /// <summary>The account (the peer of every own-device session).</summary>
    public AccountId? Self { get; init; }

    /// <summary>The direct keys of the account's other devices, from the device group (none when unset).</summary>
    public Func<IReadOnlyList<byte[]>>? OwnDevices { get; set; }

    /// <summary>Raised when a relayed session with a contact was replaced by a direct one.</summary>
    public event Action<AccountId, MessagePath>? PathChanged;

    /// <summary>How many times a relayed session is retried direct (<see cref="DirectLimits.UpgradeTries"/>; tests change it).</summary>
    internal int UpgradeTries { get; set; } = DirectLimits.UpgradeTries;

    /// <summary>The wait before each such try (<see cref="DirectLimits.UpgradeInterval"/>; tests shorten it).</summary>
    internal TimeSpan UpgradeInterval { get; set; } = DirectLimits.UpgradeInterval;

    /// <summary>The transport (status for <c>wisp p2p status</c>).</summary>
    public IDirectTransport Transport => transport;

    /// <summary>Starts listening (once).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            return;
        _key = store.DeviceKey(nowMs());
        await transport.StartAsync(_key, remote => store.OnContactOf(remote.Span) is not null || IsOwnDevice(remote.Span), AcceptAsync, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The live session with <paramref name="peer"/>, or null.</summary>
    public LiveSession? Live(AccountId peer) => _live.TryGetValue(peer.Hex, out var session) && session.IsOpen ? session : null;

    /// <summary>Every live session.</summary>
    public IReadOnlyList<LiveSession> All() => [.. _live.Values.Where(s => s.IsOpen)];

    /// <summary>
    /// The live session with <paramref name="peer"/>, opening one when direct mode with them is on, the client listens,
    /// and they were not found unreachable a moment ago; null when there is none to be had.
    /// </summary>
    public async Task<LiveSession?> EnsureAsync(AccountId peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (Live(peer) is { } live)
            return live;
        if (Volatile.Read(ref _started) == 0 || store.Get(peer).State != DirectState.On)
            return null;
        if (_failedAt.TryGetValue(peer.Hex, out var failed) && nowMs() - failed < (long)DirectLimits.RetryAfterFailure.TotalMilliseconds)
            return null;
        var attempt = _connecting.GetOrAdd(peer.Hex, _ => new Lazy<Task<LiveSession?>>(() => ConnectAsync(peer)));
        try
        {
            return await attempt.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<string, Lazy<Task<LiveSession?>>>(peer.Hex, attempt));
        }
    }

    /// <summary>Forgets that <paramref name="peer"/> was unreachable, so the next send tries again at once.</summary>
    public void ForgetFailure(AccountId peer) => _failedAt.TryRemove(peer.Hex, out _);

    /// <summary>Registers a feature's channel (1–1023): <paramref name="onFrame"/> takes each frame a contact sends on it.</summary>
    public void RegisterChannel(ushort channel, Func<AccountId, ReadOnlyMemory<byte>, CancellationToken, Task> onFrame) =>
        RegisterChannel(channel, (session, frame, ct) => onFrame(session.Peer, frame, ct));

    /// <summary>Registers a feature's channel whose handler needs the session a frame came on (own devices share one Account ID).</summary>
    public void RegisterChannel(ushort channel, Func<LiveSession, ReadOnlyMemory<byte>, CancellationToken, Task> onFrame)
    {
        if (channel is 0 or > DirectFrameLimits.MaxChannel)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"A channel is 1–{DirectFrameLimits.MaxChannel}.");
        if (_channels.Count >= DirectLimits.MaxChannels || !_channels.TryAdd(channel, onFrame))
            throw new InvalidOperationException($"Channel {channel} is taken (or {DirectLimits.MaxChannels} are registered).");
    }

    /// <summary>Ends the session with <paramref name="peer"/>, if any (direct mode turned off, or a test dropping it).</summary>
    public async Task DropAsync(AccountId peer)
    {
        if (_live.TryRemove(peer.Hex, out var session))
            await session.CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every session and the transport.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var session in _live.Values.Concat(_own.Values))
            await session.CloseAsync().ConfigureAwait(false);
        _live.Clear();
        _own.Clear();
        await transport.DisposeAsync().ConfigureAwait(false);
        _key?.Dispose();
        _stop.Dispose();
    }

    private async Task<LiveSession?> ConnectAsync(AccountId peer)
    {
        string? lastError = null;
        foreach (var key in store.Get(peer).DeviceKeys)
        {
            using var timeout = new CancellationTokenSource(DirectLimits.ConnectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
            try
            {
                var (link, error) = await transport.ConnectAsync(key, linked.Token).ConfigureAwait(false);
                if (link is not null)
                {
                    _failedAt.TryRemove(peer.Hex, out _);
                    return await AdoptAsync(peer, link, inbound: false).ConfigureAwait(false);
                }
                lastError = error;
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                lastError = "timed out";
            }
        }
        _ = lastError; // kept for a debugger; the caller falls back to the swarm either way
        _failedAt[peer.Hex] = nowMs();
        return null;
    }

    private Task AcceptAsync(IDirectLink link)
    {
        // The firewall admitted only on-contacts' and own devices' keys; a contact turned off meanwhile is refused here.
        if (Self is { } self && IsOwnDevice(link.RemoteKey.Span))
            return AdoptOwnAsync(self, link, inbound: true);
        if (store.OnContactOf(link.RemoteKey.Span) is not { } peer)
            return link.DisposeAsync().AsTask();
        _failedAt.TryRemove(peer.Hex, out _);
        return AdoptAsync(peer, link, inbound: true);
    }

    /// <summary>Makes <paramref name="link"/> the live session with <paramref name="peer"/>, or ends it when the live one wins the tie; returns the one kept.</summary>
    private async Task<LiveSession> AdoptAsync(AccountId peer, IDirectLink link, bool inbound)
    {
        var session = new LiveSession(peer, link, inbound, nowMs());
        var kept = await SettleAsync(_live, peer.Hex, session).ConfigureAwait(false);
        if (kept == session)
        {
            store.Touch(peer, nowMs());
            SessionChanged?.Invoke(peer, true);
            _ = Task.Run(() => ReadAsync(session));
            if (!inbound && link.Path == MessagePath.Relayed && UpgradeTries > 0)
                _ = Task.Run(() => UpgradeAsync(session)); // the side that opened it retries, so the two do not race
        }
        return kept;
    }

    private async Task ReadAsync(LiveSession session)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, session.Closed).Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var bytes = await session.Link.ReceiveAsync(token).ConfigureAwait(false);
                if (bytes is not { } frameBytes)
                    break;
                if (DirectFrame.TryDecode(frameBytes, out _) is not { } frame)
                    break; // not Wisp's frames: end the session rather than guess
                await DispatchAsync(session, frame, token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The session ended.
        }
        finally
        {
            await session.CloseAsync().ConfigureAwait(false);
            if (session.OwnDevice)
                _own.TryRemove(new KeyValuePair<string, LiveSession>(Convert.ToHexStringLower(session.Link.RemoteKey.Span), session));
            else
            {
                _live.TryRemove(new KeyValuePair<string, LiveSession>(session.Peer.Hex, session));
                if (Live(session.Peer) is null) // a session that lost a tie or was replaced leaves the winner up
                    SessionChanged?.Invoke(session.Peer, false);
            }
        }
    }

    private async Task DispatchAsync(LiveSession session, DirectFrame frame, CancellationToken cancellationToken)
    {
        if (!session.OwnDevice)
            store.Touch(session.Peer, nowMs());
        switch (frame.Type)
        {
            case DirectFrameType.Message:
                if (MessageReceived?.Invoke(session, frame.Payload.ToArray()) == true)
                    await session.TrySendAsync(DirectFrame.Ack(frame.Seq), cancellationToken).ConfigureAwait(false);
                break;
            case DirectFrameType.Ack:
                session.Acked(frame.Seq);
                break;
            case DirectFrameType.Channel when _channels.TryGetValue(frame.Channel, out var handler):
                await handler(session, frame.Payload, cancellationToken).ConfigureAwait(false);
                break;
            case DirectFrameType.FileOffer or DirectFrameType.FileChunk or DirectFrameType.FileDone or DirectFrameType.FileAck
                when FileFrame is { } files && !session.OwnDevice:
                await files(session, frame, cancellationToken).ConfigureAwait(false);
                break;
                // A channel nobody registered, or files with no receiver: ignored (a later Wisp may speak more).
        }
    }
}
