using System.Collections.Concurrent;

namespace Wisp.Client.Direct;

// Which of two sessions with the same peer stays (simultaneous connects, reconnects), and the retry that moves a
// relayed session to a direct path.
internal sealed partial class DirectSessions
{
    /// <summary>
    /// Puts <paramref name="session"/> in <paramref name="sessions"/> under <paramref name="id"/> unless the live one there
    /// wins the tie (<see cref="KeepsNew"/>), and ends the one that lost; returns the one kept. One rule for contacts'
    /// sessions and own devices'.
    /// </summary>
    private async Task<LiveSession> SettleAsync(ConcurrentDictionary<string, LiveSession> sessions, string id, LiveSession session)
    {
        LiveSession? loser;
        LiveSession kept;
        lock (_adopting)
        {
            if (sessions.TryGetValue(id, out var previous) && previous.IsOpen && !KeepsNew(previous, session))
            {
                (kept, loser) = (previous, session);
            }
            else
            {
                (kept, loser) = (session, previous is { IsOpen: true } ? previous : null);
                sessions[id] = session;
            }
        }
        if (loser is not null)
            await loser.CloseAsync(loser == session || loser.Inbound != session.Inbound ? SessionEnd.Duplicate : SessionEnd.Replaced, kept).ConfigureAwait(false);
        return kept;
    }

    /// <summary>
    /// Retries a relayed session direct: on success the direct session replaces it (both sides keep the newer one
    /// opened the same way), messages waiting on the relayed one are resent there, and <see cref="PathChanged"/> fires.
    /// </summary>
    private async Task UpgradeAsync(LiveSession relayed)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, relayed.Closed);
        try
        {
            for (var attempt = 0; attempt < UpgradeTries; attempt++)
            {
                await Task.Delay(UpgradeInterval, time, lifetime.Token).ConfigureAwait(false);
                if (Live(relayed.Peer) != relayed)
                    return;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                timeout.CancelAfter(DirectLimits.ConnectTimeout);
                (IDirectLink? Link, string? Error) result;
                try
                {
                    result = await transport.ConnectDirectAsync(relayed.Link.RemoteKey, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                {
                    continue; // this try timed out
                }
                if (result.Link is not { } link)
                    continue;
                if (link.Path != MessagePath.Direct)
                {
                    await link.DisposeAsync().ConfigureAwait(false);
                    continue;
                }
                // Adopted even if the relayed session has just ended: the peer, taking the new one, may have closed it.
                var kept = await AdoptAsync(relayed.Peer, link, inbound: false).ConfigureAwait(false);
                if (kept.Link == link)
                {
                    kept.UpgradedFromRelay = true;
                    PathChanged?.Invoke(relayed.Peer, MessagePath.Direct);
                }
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The relayed session ended, or the client stops.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The transport is going away: the relayed session stays as it is.
        }
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> replaces the live <paramref name="live"/>. Opened the same way: yes (the
    /// peer, or we, lost the old one and reconnected). Opened opposite ways within <see cref="DirectLimits.DuplicateWindow"/>
    /// of each other (both connected at once): the one opened by the larger direct key stays, which both sides compute
    /// alike. Opposite ways but the live one is older: yes, the peer has lost it (a restart) and must not wait it out.
    /// </summary>
    private bool KeepsNew(LiveSession live, LiveSession candidate)
    {
        if (live.Inbound == candidate.Inbound || candidate.OpenedAtMs - live.OpenedAtMs > (long)DirectLimits.DuplicateWindow.TotalMilliseconds)
            return true;
        var weOpenWinner = OursWins(_key!.X25519PublicKey.Span, candidate.Link.RemoteKey.Span);
        return candidate.Inbound != weOpenWinner;
    }

    /// <summary>True when the session we open is the one kept over the one <paramref name="remote"/> opens: our key is the larger.</summary>
    internal static bool OursWins(ReadOnlySpan<byte> ours, ReadOnlySpan<byte> remote) => ours.SequenceCompareTo(remote) > 0;
}
