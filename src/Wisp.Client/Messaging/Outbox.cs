using Wisp.Client.Conversations;
using Wisp.Client.Swarm;

namespace Wisp.Client.Messaging;

/// <summary>
/// Stores pending messages in their recipients' swarms through onion paths. A node's signed receipt makes a message
/// sent. A failed attempt is retried with capped backoff (<see cref="MessagingLimits.FirstRetryDelay"/> doubling up to
/// <see cref="MessagingLimits.MaxRetryDelay"/>) for as long as the message's deadline allows: 14 days in the swarm, or
/// until it disappears. Only then, or when the request itself is refused, is it failed, with the reason. Pending
/// messages live in the database, so any later process of the profile picks them up.
/// </summary>
internal sealed class Outbox(AccountData data, IMessageSwarm swarm, NetworkHealth health, TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Raised after an attempt changed a message (sent, retried later, failed), with the message as it is now.</summary>
    public event Action<MessageView>? StatusChanged;

    /// <summary>Called before each attempt; may change the item (protocol v2: a message waiting for keys is sealed again).</summary>
    public Func<OutboxItem, CancellationToken, Task<OutboxItem>>? Prepare { get; set; }

    /// <summary>Tried before the swarm (direct mode): true when the message was delivered and acked another way.</summary>
    public Func<OutboxItem, CancellationToken, Task<bool>>? TryDirect { get; set; }

    /// <summary>Wakes <see cref="RunAsync"/> to try the outbox now.</summary>
    public void Nudge()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already nudged
    }

    /// <summary>Tries every due message once; returns how many were tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = data.Outbox.Due(swarm.NowMs(), MessagingLimits.OutboxBatch);
        await Task.WhenAll(due.Select(item => SendAsync(item, cancellationToken))).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>Makes every pending message due now, whatever backoff another process left, and tries them once.</summary>
    public Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        data.Outbox.MakeAllDue(swarm.NowMs());
        return SendDueAsync(cancellationToken);
    }

    /// <summary>Runs the outbox until cancelled: sends what is due, then sleeps until the next attempt or a nudge.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await SendDueAsync(cancellationToken).ConfigureAwait(false);
            var next = data.Outbox.NextAttempt();
            // Also wake at the longest backoff: another process of the profile may have queued something meanwhile.
            var wait = next is { } due
                ? TimeSpan.FromMilliseconds(Math.Clamp(due - swarm.NowMs(), 0, (long)MessagingLimits.MaxRetryDelay.TotalMilliseconds))
                : MessagingLimits.MaxRetryDelay;
            if (wait > TimeSpan.Zero)
                await WaitForNudgeAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var now = swarm.NowMs();
        if (now >= item.DeadlineMs)
        {
            data.Outbox.MarkFailed(item.Id, Expired(item, data.Messages.Find(item.Id)?.FailureReason), afterAttempt: false);
            Report(item);
            return;
        }
        if (Prepare is { } prepare)
            item = await prepare(item, cancellationToken).ConfigureAwait(false);
        if (TryDirect is { } direct && await direct(item, cancellationToken).ConfigureAwait(false))
        {
            data.Outbox.MarkSent(item.Id); // acked by the peer's device: done, and never stored in the swarm
            Report(item);
            return;
        }
        var ttl = TimeSpan.FromMilliseconds(Math.Clamp(
            item.DeadlineMs - now, (long)MessagingLimits.MinTtl.TotalMilliseconds, (long)MessagingLimits.MessageTtl.TotalMilliseconds));
        SwarmResult<StoreReceipt> result;
        try
        {
            result = await swarm.StoreAsync(item.Peer, item.Payload, ttl, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // still pending: the next run tries again
        }
        health.Report(result);
        if (result.Ok && result.Value!.Confirmed > 0)
            data.Outbox.MarkSent(item.Id);
        else
            RecordFailure(item, result.Ok ? "no node of the recipient's swarm signed a receipt for it" : result.Error!.Message, Refused(result));
        Report(item);
    }

    private void Report(OutboxItem item)
    {
        if (StatusChanged is { } listeners && data.Messages.Find(item.Id) is { } view)
            listeners(view);
    }

    private void RecordFailure(OutboxItem item, string reason, bool refused)
    {
        if (refused)
        {
            data.Outbox.MarkFailed(item.Id, $"the network refused it: {reason}", afterAttempt: true);
            return;
        }
        var delay = MessagingLimits.FirstRetryDelay * Math.Pow(2, Math.Min(item.Attempts, 16));
        if (delay > MessagingLimits.MaxRetryDelay)
            delay = MessagingLimits.MaxRetryDelay;
        var next = swarm.NowMs() + (long)delay.TotalMilliseconds;
        if (next >= item.DeadlineMs)
            data.Outbox.MarkFailed(item.Id, Expired(item, reason), afterAttempt: true);
        else
            data.Outbox.MarkAttemptFailed(item.Id, reason, next);
    }

    private static string Expired(OutboxItem item, string? lastError) =>
        (item.ExpiresAtMs is not null ? "it disappeared before any node could store it" : "its 14 days in the swarm ran out before any node could store it")
        + (lastError is null ? "" : $" (last error: {lastError})");

    // A request the path itself refused (too large, malformed) fails the same way on every attempt.
    private static bool Refused(SwarmResult<StoreReceipt> result) => result.Error?.Failure == SwarmFailure.RequestRefused;

    private async Task WaitForNudgeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait ended: time for the next attempt.
        }
    }
}
