using System.Collections.Concurrent;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Direct;

/// <summary>
/// One live direct session with a contact's device: sends frames one at a time, numbers messages and waits for their
/// acks, and reads the peer's frames until the session ends (<see cref="DirectSessions"/> dispatches them). When it
/// ends, every message still waiting for its ack is given up (its sender falls back to the swarm).
/// </summary>
internal sealed class LiveSession(AccountId peer, IDirectLink link, bool inbound, long openedAtMs)
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<bool>> _unacked = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _ending = new();
    private int _seq;

    /// <summary>The contact.</summary>
    public AccountId Peer { get; } = peer;

    /// <summary>The session.</summary>
    public IDirectLink Link { get; } = link;

    /// <summary>True when the peer opened it.</summary>
    public bool Inbound { get; } = inbound;

    /// <summary>True for a session with one of the account's own devices (<see cref="Peer"/> is then the account itself).</summary>
    public bool OwnDevice { get; init; }

    /// <summary>When it was adopted (client clock, ms): decides whether two sessions opened opposite ways were simultaneous.</summary>
    public long OpenedAtMs { get; } = openedAtMs;

    /// <summary>True when it replaced a relayed session with this contact once a direct path opened.</summary>
    public bool UpgradedFromRelay { get; set; }

    /// <summary>Why it ended (<see cref="SessionEnd.None"/> while open).</summary>
    public SessionEnd End { get; private set; }

    /// <summary>The session kept instead of this one when it lost a tie (<see cref="SessionEnd.Duplicate"/>) or was replaced.</summary>
    public LiveSession? KeptInstead { get; private set; }

    /// <summary>Cancelled when the session has ended.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>True while the session is up.</summary>
    public bool IsOpen => !_closed.IsCancellationRequested;

    /// <summary>Messages sent on this session still waiting for their ack.</summary>
    internal int Unacked => _unacked.Count;

    /// <summary>
    /// Sends a stored-form message and waits up to <paramref name="ackTimeout"/> for its ack; false when no ack came in
    /// time, the session ended, or too many are already waiting.
    /// </summary>
    public async Task<bool> SendMessageAsync(byte[] stored, TimeSpan ackTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IsOpen || _unacked.Count >= DirectLimits.MaxUnacked)
            return false;
        var seq = (uint)Interlocked.Increment(ref _seq);
        var acked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _unacked[seq] = acked;
        try
        {
            if (!await TrySendAsync(DirectFrame.Message(seq, stored), cancellationToken).ConfigureAwait(false))
                return false;
            using var timeout = new CancellationTokenSource(ackTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken, _closed.Token);
            try
            {
                return await acked.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false; // no ack in time, or the session ended: the swarm takes it
            }
        }
        finally
        {
            _unacked.TryRemove(seq, out _);
        }
    }

    /// <summary>Sends one frame; false when the session has ended (or ends while sending).</summary>
    public async Task<bool> TrySendAsync(DirectFrame frame, CancellationToken cancellationToken)
    {
        if (!IsOpen)
            return false;
        var bytes = frame.Encode();
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Link.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            await CloseAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>The peer acked message <paramref name="seq"/>.</summary>
    public void Acked(uint seq)
    {
        if (_unacked.TryGetValue(seq, out var waiting))
            waiting.TrySetResult(true);
    }

    /// <summary>Ends the session (idempotent): waiting messages are given up.</summary>
    public Task CloseAsync() => CloseAsync(SessionEnd.Closed, null);

    /// <summary>Ends the session for <paramref name="why"/>, naming the one kept instead (idempotent).</summary>
    public async Task CloseAsync(SessionEnd why, LiveSession? keptInstead)
    {
        lock (_ending)
        {
            if (End != SessionEnd.None)
                return;
            (End, KeptInstead) = (why, keptInstead);
        }
        await _closed.CancelAsync().ConfigureAwait(false);
        foreach (var waiting in _unacked.Values)
            waiting.TrySetResult(false);
        try
        {
            await Link.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone.
        }
    }
}

/// <summary>Why a live session ended.</summary>
internal enum SessionEnd
{
    /// <summary>It has not.</summary>
    None,

    /// <summary>Closed by either side, broken, or dropped (direct mode off, shutdown).</summary>
    Closed,

    /// <summary>Both sides connected at once and the other session won the tie (the larger direct key's).</summary>
    Duplicate,

    /// <summary>A newer session opened the same way replaced it.</summary>
    Replaced,
}
