using Wisp.Client.Conversations;
using Wisp.Client.Messaging;

namespace Wisp.Client.Live;

/// <summary>
/// Deletes disappearing messages when their time comes, without waiting for a fetch: it sleeps until the soonest one
/// is due, deletes every due message and reports them per conversation (<see cref="ClientEvent.MessagesDisappeared"/>).
/// A message another process of the profile deleted first is still reported here, from the schedule this timer
/// loaded. The copies in the account's own swarm are deleted by the poller, from the queue this fills.
/// </summary>
internal sealed class ExpiryTimer(AccountData data, Func<long> nowMs, Action<ClientEvent> publish, TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Expiring> _scheduled = [];

    /// <summary>Adds a message to the schedule (a new disappearing message) and wakes the timer.</summary>
    public void Schedule(MessageView message)
    {
        if (message.ExpiresAtMs is not { } expires)
            return;
        lock (_gate)
            _scheduled[message.Id] = new Expiring(message.Id, message.Peer, expires);
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already woken
    }

    /// <summary>Deletes and reports what is due at <paramref name="now"/>; returns when the next one is due (null: none known).</summary>
    public long? Tick(long now)
    {
        var deleted = data.Disappearing.DeleteExpired(now);
        List<Expiring> gone;
        lock (_gate)
        {
            gone = [.. deleted];
            foreach (var due in _scheduled.Values.Where(e => e.ExpiresAtMs <= now).ToList())
            {
                _scheduled.Remove(due.Id);
                if (deleted.All(d => d.Id != due.Id))
                    gone.Add(due); // deleted by another process of the profile
            }
            foreach (var d in deleted)
                _scheduled.Remove(d.Id);
            foreach (var next in data.Disappearing.Expiring(MessagingLimits.ExpiringBatch))
                _scheduled.TryAdd(next.Id, next);
        }
        foreach (var peer in gone.GroupBy(e => e.Peer))
            publish(new ClientEvent.MessagesDisappeared(peer.Key, [.. peer.Select(e => e.Id)]));
        lock (_gate)
            return _scheduled.Count == 0 ? null : _scheduled.Values.Min(e => e.ExpiresAtMs);
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = Tick(nowMs());
            var wait = next is { } due
                ? TimeSpan.FromMilliseconds(Math.Clamp(due - nowMs(), 0, (long)MessagingLimits.ExpiryRecheck.TotalMilliseconds))
                : MessagingLimits.ExpiryRecheck;
            if (wait <= TimeSpan.Zero)
                continue;
            using var timeout = new CancellationTokenSource(wait, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Time for the next one.
            }
        }
    }
}
