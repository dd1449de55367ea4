using System.Collections.Concurrent;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// Finds a contact's v2 keys under Session's freshness rules: a fresh bundle is used as it is; a stale one is used and
/// refreshed in the background; an expired or missing one is fetched before sending; a fetch that finds no valid
/// bundle is a NAK, and no fetch is made for an hour after one. One fetch per contact at a time: sends waiting on the
/// same contact share it.
/// </summary>
internal sealed class ContactKeys(ContactKeyCache cache, Func<IKeySwarm?> swarm, Func<DateTimeOffset> now)
{
    private readonly ConcurrentDictionary<string, Task<KeyFetchOutcome>> _fetching = new(StringComparer.Ordinal);

    /// <summary>True when a network is connected to fetch through.</summary>
    public bool CanFetch => swarm() is not null;

    /// <summary>The cache entry for <paramref name="peer"/> now.</summary>
    public CachedContactKeys Lookup(AccountId peer) => cache.Get(peer, now());

    /// <summary>
    /// What a send to <paramref name="peer"/> does now: seal to a usable bundle (starting a background refresh of a
    /// stale one), wait for a fetch (expired or missing, with a network to fetch through), or fall back to v1.
    /// </summary>
    public KeyDecision Decide(AccountId peer)
    {
        var cached = Lookup(peer);
        if (cached.Usable is { } bundle)
        {
            // A NAK within the hour holds off the refresh too: the keys held stay usable until they expire.
            if (cached.State == ContactKeyState.Stale && (cached.NakAt is not { } nak || now() - nak >= ContactKeyFreshness.NakSuppression))
                _ = FetchAsync(peer, CancellationToken.None);
            return new KeyDecision(bundle, WaitForFetch: false);
        }
        return new KeyDecision(null, WaitForFetch: ContactKeyFreshness.MustFetchBeforeSending(cached.State) && CanFetch);
    }

    /// <summary>
    /// Fetches <paramref name="peer"/>'s bundle (or joins the fetch under way) and records what it found. Failed when
    /// the swarm could not be asked; nothing is recorded then.
    /// </summary>
    public Task<KeyFetchOutcome> FetchAsync(AccountId peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (swarm() is not { } keys)
            return Task.FromResult(KeyFetchOutcome.Failed);
        while (true)
        {
            if (_fetching.TryGetValue(peer.Hex, out var running))
                return running;
            var started = new TaskCompletionSource<KeyFetchOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_fetching.TryAdd(peer.Hex, started.Task))
                continue;
            _ = RunAsync(keys, peer, started, cancellationToken);
            return started.Task;
        }
    }

    private async Task RunAsync(IKeySwarm keys, AccountId peer, TaskCompletionSource<KeyFetchOutcome> done, CancellationToken cancellationToken)
    {
        var outcome = KeyFetchOutcome.Failed;
        try
        {
            var result = await keys.FetchAsync(peer, cancellationToken).ConfigureAwait(false);
            if (result.Ok)
            {
                // The outbox keeps one message, but a race between two devices can leave two briefly: the newest valid one wins.
                var found = result.Value!.Messages
                    .OrderByDescending(m => m.TimestampMs)
                    .FirstOrDefault(m => AccountKeyBundle.Decode(m.Data, peer).Ok);
                if (found is not null)
                {
                    cache.Found(peer, found.Data, now());
                    outcome = KeyFetchOutcome.Found;
                }
                else
                {
                    cache.NotFound(peer, now());
                    outcome = KeyFetchOutcome.NotFound;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
        {
            // Failed: nothing learned, nothing recorded; the send goes ahead as the rules say.
        }
        finally
        {
            _fetching.TryRemove(peer.Hex, out _);
            done.TrySetResult(outcome);
        }
    }
}

/// <summary>What a fetch of a contact's keys found.</summary>
internal enum KeyFetchOutcome
{
    /// <summary>A valid bundle, now cached.</summary>
    Found,

    /// <summary>The fetch completed without a valid bundle: a NAK was recorded.</summary>
    NotFound,

    /// <summary>The swarm could not be asked.</summary>
    Failed,
}

/// <summary>How to seal a message to a contact now: to <paramref name="Bundle"/> (v2), or after a fetch, or in v1.</summary>
internal sealed record KeyDecision(AccountKeyBundle? Bundle, bool WaitForFetch);
