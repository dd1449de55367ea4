using System.Collections.Concurrent;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Direct;

// The account's own devices: admitted by the direct keys in their device records, one session per device.
internal sealed partial class DirectSessions
{
    /// <summary>True when <paramref name="directKey"/> is one of the account's other devices (no prompt: the same person).</summary>
    public bool IsOwnDevice(ReadOnlySpan<byte> directKey)
    {
        if (Self is null || OwnDevices is not { } own)
            return false;
        foreach (var key in own())
        {
            if (key.AsSpan().SequenceEqual(directKey))
                return true;
        }
        return false;
    }

    /// <summary>The live session with the own device of direct key <paramref name="directKey"/>, or null.</summary>
    public LiveSession? LiveOwn(ReadOnlySpan<byte> directKey) =>
        _own.TryGetValue(Convert.ToHexStringLower(directKey), out var session) && session.IsOpen ? session : null;

    /// <summary>Ends the sessions with devices that are no longer the account's (removed, or gone from the group).</summary>
    public async Task DropStaleOwnAsync()
    {
        foreach (var (id, session) in _own)
        {
            if (!IsOwnDevice(Convert.FromHexString(id)) && _own.TryRemove(new KeyValuePair<string, LiveSession>(id, session)))
                await session.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Every live session with the account's own devices.</summary>
    public IReadOnlyList<LiveSession> AllOwn() => [.. _own.Values.Where(s => s.IsOpen)];

    /// <summary>
    /// The live session with the own device of <paramref name="directKey"/>, opening one when it is still in the group
    /// and was not found unreachable a moment ago (<paramref name="retryNow"/> skips that wait); null when there is none.
    /// </summary>
    public async Task<LiveSession?> EnsureOwnAsync(byte[] directKey, bool retryNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directKey);
        if (LiveOwn(directKey) is { } live)
            return live;
        if (Volatile.Read(ref _started) == 0 || Self is not { } self || !IsOwnDevice(directKey))
            return null;
        var id = "own:" + Convert.ToHexStringLower(directKey);
        if (!retryNow && _failedAt.TryGetValue(id, out var failed) && nowMs() - failed < (long)DirectLimits.RetryAfterFailure.TotalMilliseconds)
            return null;
        var attempt = _connecting.GetOrAdd(id, _ => new Lazy<Task<LiveSession?>>(() => ConnectOwnAsync(self, id, directKey)));
        try
        {
            return await attempt.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<string, Lazy<Task<LiveSession?>>>(id, attempt));
        }
    }

    private async Task<LiveSession?> ConnectOwnAsync(AccountId self, string id, byte[] directKey)
    {
        using var timeout = new CancellationTokenSource(DirectLimits.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
        try
        {
            var (link, _) = await transport.ConnectAsync(directKey, linked.Token).ConfigureAwait(false);
            if (link is not null)
            {
                _failedAt.TryRemove(id, out _);
                return await AdoptOwnAsync(self, link, inbound: false).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            // Timed out: tried again later.
        }
        _failedAt[id] = nowMs();
        return null;
    }

    private async Task<LiveSession> AdoptOwnAsync(AccountId self, IDirectLink link, bool inbound)
    {
        var id = Convert.ToHexStringLower(link.RemoteKey.Span);
        var session = new LiveSession(self, link, inbound, nowMs()) { OwnDevice = true };
        var kept = await SettleAsync(_own, id, session).ConfigureAwait(false);
        if (kept != session)
            return kept;
        _failedAt.TryRemove("own:" + id, out _);
        _ = Task.Run(() => ReadAsync(session));
        OwnSessionOpened?.Invoke(session);
        return session;
    }
}
