using System.Collections.Concurrent;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Direct;

/// <summary>
/// The connection manager: one <see cref="IDirectTransport"/> per running client, listening on this device's direct
/// key behind a firewall that admits only the device keys of contacts in direct mode ("on"); a session to a contact is
/// opened when there is something to send (<see cref="EnsureAsync"/>) and kept while both are online. A contact that
/// could not be reached is not tried again for <see cref="DirectLimits.RetryAfterFailure"/>. One session per contact:
/// when both open one at once, the later one replaces the earlier (whose waiting messages fall back to the swarm).
/// </summary>
internal sealed class DirectSessions(DirectStore store, IDirectTransport transport, Func<long> nowMs, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LiveSession> _live = new();
    private readonly ConcurrentDictionary<string, long> _failedAt = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<LiveSession?>>> _connecting = new();
    private readonly ConcurrentDictionary<ushort, Func<AccountId, ReadOnlyMemory<byte>, CancellationToken, Task>> _channels = new();
    private readonly CancellationTokenSource _stop = new();
    private Ed25519KeyPair? _key; // the transport's for as long as it runs; zeroed at the end
    private int _started;

    /// <summary>Stores a stored-form message that came on a session; true when it is stored (or was already), so it is acked.</summary>
    public Func<AccountId, byte[], MessagePath, bool>? MessageReceived { get; set; }

    /// <summary>Takes a file frame (offer, chunk, done, ack) that came on a session; answers go back on that session.</summary>
    public Func<LiveSession, DirectFrame, CancellationToken, Task>? FileFrame { get; set; }

    /// <summary>Raised when a session with a contact opened or ended (true: opened).</summary>
    public event Action<AccountId, bool>? SessionChanged;

    /// <summary>The transport (status for <c>wisp p2p status</c>).</summary>
    public IDirectTransport Transport => transport;

    /// <summary>Starts listening (once).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            return;
        _key = store.DeviceKey(nowMs());
        await transport.StartAsync(_key, remote => store.OnContactOf(remote.Span) is not null, AcceptAsync, cancellationToken).ConfigureAwait(false);
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
    public void RegisterChannel(ushort channel, Func<AccountId, ReadOnlyMemory<byte>, CancellationToken, Task> onFrame)
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
        foreach (var session in _live.Values)
            await session.CloseAsync().ConfigureAwait(false);
        _live.Clear();
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
                    return Adopt(peer, link, inbound: false);
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
        // The firewall admitted only on-contacts' keys; a contact turned off meanwhile is refused here.
        if (store.OnContactOf(link.RemoteKey.Span) is not { } peer)
            return link.DisposeAsync().AsTask();
        _failedAt.TryRemove(peer.Hex, out _);
        Adopt(peer, link, inbound: true);
        return Task.CompletedTask;
    }

    private LiveSession Adopt(AccountId peer, IDirectLink link, bool inbound)
    {
        var session = new LiveSession(peer, link, inbound);
        if (_live.TryGetValue(peer.Hex, out var previous))
            _ = previous.CloseAsync();
        _live[peer.Hex] = session;
        store.Touch(peer, nowMs());
        SessionChanged?.Invoke(peer, true);
        _ = Task.Run(() => ReadAsync(session));
        return session;
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
            _live.TryRemove(new KeyValuePair<string, LiveSession>(session.Peer.Hex, session));
            SessionChanged?.Invoke(session.Peer, false);
        }
    }

    private async Task DispatchAsync(LiveSession session, DirectFrame frame, CancellationToken cancellationToken)
    {
        store.Touch(session.Peer, nowMs());
        switch (frame.Type)
        {
            case DirectFrameType.Message:
                if (MessageReceived?.Invoke(session.Peer, frame.Payload.ToArray(), session.Link.Path) == true)
                    await session.TrySendAsync(DirectFrame.Ack(frame.Seq), cancellationToken).ConfigureAwait(false);
                break;
            case DirectFrameType.Ack:
                session.Acked(frame.Seq);
                break;
            case DirectFrameType.Channel when _channels.TryGetValue(frame.Channel, out var handler):
                await handler(session.Peer, frame.Payload, cancellationToken).ConfigureAwait(false);
                break;
            case DirectFrameType.FileOffer or DirectFrameType.FileChunk or DirectFrameType.FileDone or DirectFrameType.FileAck when FileFrame is { } files:
                await files(session, frame, cancellationToken).ConfigureAwait(false);
                break;
                // A channel nobody registered, or files with no receiver: ignored (a later Wisp may speak more).
        }
    }
}
