using Wisp.Client.Conversations;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Messaging;

/// <summary>
/// The outbox. A message is composed once (so every retry stores the same bytes, with the same hash, and the receiver
/// drops a second copy by hash), recorded as pending, then stored in the recipient's swarm through onion paths. A
/// node's signed receipt makes it sent; a failed attempt is retried with backoff, its reason recorded; after
/// <see cref="MessagingLimits.MaxSendAttempts"/> it is failed with the reason. Nothing is lost silently: a message is
/// pending, sent or failed, and pending messages survive a restart.
/// </summary>
public sealed class Sender(ConversationStore store, IMessageSwarm swarm, Ed25519KeyPair account, TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Raised after a message's status changed (sent, retried, failed).</summary>
    public event Action<MessageView>? StatusChanged;

    /// <summary>
    /// Composes a text message to <paramref name="peer"/> (with the conversation's disappearing timer) and queues it.
    /// Null, with <paramref name="error"/>, when it cannot be sent at all (too large, or the peer is blocked).
    /// </summary>
    public MessageView? Queue(AccountId peer, string text, string? profileName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(text);
        var timer = store.Find(peer)?.Settings.DisappearAfter;
        var sentAt = swarm.NowMs();
        return QueueContent(peer, MessageContent.Text(text, (ulong)sentAt, profileName, timer), MessageKind.Text, text, sentAt, timer, out error);
    }

    /// <summary>
    /// Sets the conversation's disappearing timer (null: off) and queues the change for the peer, so both sides delete
    /// the messages sent from now on.
    /// </summary>
    public MessageView? SetDisappearing(AccountId peer, TimeSpan? after, out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var sentAt = swarm.NowMs();
        var settings = store.Find(peer)?.Settings ?? ConversationSettings.Default;
        store.SetSettings(peer, settings with { DisappearAfter = after }, sentAt);
        var body = DescribeTimer(after);
        return QueueContent(peer, MessageContent.TimerUpdate((ulong)sentAt, after), MessageKind.Timer, body, sentAt, timer: null, out error);
    }

    /// <summary>The network's time, Unix ms (what message timestamps and retry times are in).</summary>
    public long NowMs() => swarm.NowMs();

    /// <summary>Wakes <see cref="RunAsync"/> to try the outbox now.</summary>
    public void Nudge()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already nudged
    }

    /// <summary>Tries every due message once; returns how many were tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = store.DueOutbox(swarm.NowMs(), MessagingLimits.OutboxBatch);
        await Task.WhenAll(due.Select(item => SendAsync(item, cancellationToken))).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>Runs the outbox until cancelled: sends what is due, then sleeps until the next attempt or a nudge.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await SendDueAsync(cancellationToken).ConfigureAwait(false);
            var next = store.NextOutboxAttempt();
            var wait = next is { } due ? TimeSpan.FromMilliseconds(Math.Clamp(due - swarm.NowMs(), 0, (long)MessagingLimits.MaxRetryDelay.TotalMilliseconds)) : MessagingLimits.MaxRetryDelay;
            if (wait > TimeSpan.Zero)
                await WaitForNudgeAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a read receipt or typing indicator once, outside the outbox (it is worthless late); true when stored.</summary>
    public async Task<bool> SendSignalAsync(AccountId peer, Content content, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(content);
        var composed = MessageComposer.Compose(account, peer, content, (ulong)swarm.NowMs());
        if (!composed.Ok)
            return false;
        var result = await swarm.StoreAsync(peer, composed.Stored!, ttl, cancellationToken).ConfigureAwait(false);
        return result.Ok && result.Value!.Confirmed > 0;
    }

    /// <summary>"disappearing messages: after 1h" or "…: off", as a timer change shows in the conversation.</summary>
    public static string DescribeTimer(TimeSpan? after) =>
        after is { } timer && timer > TimeSpan.Zero ? $"disappearing messages: after {DurationText.Format(timer)}" : "disappearing messages: off";

    private MessageView? QueueContent(AccountId peer, Content content, MessageKind kind, string body, long sentAt, TimeSpan? timer, out string? error)
    {
        if (store.Find(peer)?.State == ConversationState.Blocked)
        {
            error = $"{peer} is blocked; unblock them (wisp requests accept {peer}) to write to them.";
            return null;
        }
        var composed = MessageComposer.Compose(account, peer, content, (ulong)sentAt);
        if (!composed.Ok)
        {
            error = $"the message cannot be sent: {composed.Detail}.";
            return null;
        }
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(peer.Bytes), Namespaces.Default, composed.Stored);
        long? expiresAt = timer is { } t ? sentAt + (long)t.TotalMilliseconds : null;
        var message = store.AddOutgoing(peer, account.AccountId, kind, body, sentAt, composed.Stored!, hash, expiresAt);
        error = null;
        Nudge();
        return message;
    }

    private async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var now = swarm.NowMs();
        var ttl = item.ExpiresAtMs is { } expires
            ? TimeSpan.FromMilliseconds(Math.Max(expires - now, (long)MessagingLimits.MinTtl.TotalMilliseconds))
            : MessagingLimits.MessageTtl - TimeSpan.FromMilliseconds(Math.Clamp(now - item.SentAtMs, 0, (long)(MessagingLimits.MessageTtl - MessagingLimits.MinTtl).TotalMilliseconds));
        SwarmResult<StoreReceipt> result;
        try
        {
            result = await swarm.StoreAsync(item.Peer, item.Payload, ttl, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // still pending: the next run tries again
        }

        if (result.Ok && result.Value!.Confirmed > 0)
            store.MarkSent(item.Id);
        else
            RecordFailure(item, result.Ok ? "no node of the recipient's swarm signed a receipt for it" : result.Error!.Message, Refused(result));
        if (store.FindMessage(item.Id) is { } view)
            StatusChanged?.Invoke(view);
    }

    private void RecordFailure(OutboxItem item, string reason, bool final)
    {
        var attempts = item.Attempts + 1;
        if (final || attempts >= MessagingLimits.MaxSendAttempts)
        {
            store.MarkFailed(item.Id, $"gave up after {attempts} attempt{(attempts == 1 ? "" : "s")}: {reason}");
            return;
        }
        var delay = MessagingLimits.FirstRetryDelay * Math.Pow(2, attempts - 1);
        if (delay > MessagingLimits.MaxRetryDelay)
            delay = MessagingLimits.MaxRetryDelay;
        store.MarkAttemptFailed(item.Id, reason, swarm.NowMs() + (long)delay.TotalMilliseconds);
    }

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
