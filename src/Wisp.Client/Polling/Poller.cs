using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Polling;

/// <summary>
/// Reads the account's own swarm (namespace 0) through onion paths with signed retrieves. Each node's
/// <c>last_hash</c> is kept in <c>poll_state</c>, so a restart fetches only what is new; every hash is remembered, so a
/// message fetched again from another node is not processed twice, and what each sender signed is remembered for a
/// year (<see cref="DeliveredStore"/>), so a copy stored again under another hash is not shown twice. Every message is opened and verified
/// (<see cref="MessageOpener"/>); a forged or malformed one is dropped with its reason (<see cref="PollEvent.Dropped"/>).
/// Unknown senders become message requests; blocked ones are dropped. Disappearing messages that the local timer
/// deleted are deleted from the swarm too, with a signed delete.
/// </summary>
internal sealed class Poller(AccountData stores, IMessageSwarm swarm, Ed25519KeyPair account, NetworkHealth health, TimeProvider time)
{
    private readonly Lock _process = new(); // the swarm and a direct session may bring the same message at once
    private Ed25519PublicKey? _node;

    /// <summary>Takes a group update sent 1:1 (invite, promotion): null when applied, else why it was dropped. Unset: dropped as unsupported.</summary>
    public Func<AccountId, GroupUpdateMessage, long, string?>? GroupUpdates { get; set; }

    /// <summary>The account's v2 keys and content layer (protocol v2); unset: v2 messages open only in their non-PFS form.</summary>
    public V2Receiving? V2 { get; set; }

    /// <summary>Raised for each message, receipt, typing indicator or drop, in swarm order.</summary>
    public event Action<PollEvent>? Received;

    /// <summary>
    /// Retrieves what is new (waiting up to <paramref name="wait"/> for it where the node can), processes it, then does
    /// the disappearing-message upkeep. Returns how many new messages (of any kind) were taken, or null when the
    /// swarm could not be reached (with the error).
    /// </summary>
    public async Task<(int? Taken, string? Error)> PollOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var taken = 0;
        for (var page = 0; page < MessagingLimits.MaxPagesPerPoll; page++)
        {
            var lastHash = _node is null ? null : stores.PollState.LastHash(_node.ToHex(), 0);
            var result = await swarm.RetrieveAsync(account, lastHash, _node, page == 0 ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            health.Report(result);
            if (!result.Ok)
            {
                _node = null; // the next poll lets the swarm client choose a node that works
                return (null, result.Error!.Message);
            }
            var retrieved = result.Value!;
            _node = retrieved.Node.Ed25519;
            foreach (var message in retrieved.Messages)
            {
                lock (_process)
                {
                    if (Process(message.Hash, message.Data, message.ExpiryMs))
                        taken++;
                }
            }
            if (retrieved.LastHash is { } newest)
                stores.PollState.SetLastHash(_node.ToHex(), 0, newest);
            if (!retrieved.More)
                break;
        }
        await UpkeepAsync(cancellationToken).ConfigureAwait(false);
        return (taken, null);
    }

    /// <summary>
    /// Polls until cancelled: with a waiting retrieve where the swarm can wait, else every
    /// <see cref="MessagingLimits.PollInterval"/>; after a failure it backs off, up to <see cref="MessagingLimits.MaxRetryDelay"/>.
    /// </summary>
    public async Task RunAsync(Action<string>? onError, CancellationToken cancellationToken)
    {
        var backoff = MessagingLimits.PollRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = swarm.CanWait ? MessagingLimits.PollWait : TimeSpan.Zero;
            var started = time.GetTimestamp();
            var (taken, error) = await PollOnceAsync(wait, cancellationToken).ConfigureAwait(false);
            TimeSpan pause;
            if (taken is null)
            {
                onError?.Invoke(error!);
                pause = backoff;
                backoff = backoff * 2 > MessagingLimits.MaxRetryDelay ? MessagingLimits.MaxRetryDelay : backoff * 2;
            }
            else
            {
                backoff = MessagingLimits.PollRetryDelay;
                // A node that answered "nothing" well before the wait ended did not wait (no extension, or full): poll at intervals.
                var waited = time.GetElapsedTime(started) >= wait / 2;
                pause = taken > 0 || (swarm.CanWait && waited) ? TimeSpan.Zero : MessagingLimits.PollInterval;
            }
            if (pause > TimeSpan.Zero)
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens and stores a message that came on a direct session exactly as a retrieved one (same hash, same checks), so
    /// whichever of the two copies comes second is dropped as seen; false when it was seen before.
    /// </summary>
    public bool ProcessDirect(string hash, byte[] data, long swarmExpiryMs)
    {
        lock (_process)
            return Process(hash, data, swarmExpiryMs);
    }

    /// <summary>Takes a direct-mode offer (Wisp's own Content field): null when applied, else why it was dropped. Unset: dropped.</summary>
    public Func<AccountId, ReadOnlyMemory<byte>, string?>? DirectOffers { get; set; }

    /// <summary>Opens and stores one retrieved message; false when it was seen before.</summary>
    private bool Process(string hash, byte[] data, long swarmExpiryMs)
    {
        if (stores.PollState.WasSeen(hash))
            return false;
        var opened = MessageOpener.Open(account, data, V2);
        if (!opened.Ok)
            return Drop(hash, swarmExpiryMs, opened.Failure, opened.Detail);

        var message = opened.Message!;
        var now = swarm.NowMs();
        // Deduplicated on what the sender signed, not the storage hash: a re-wrapped, re-sealed or replayed copy is skipped.
        switch (stores.Delivered.Admit(message.Sender, message.ContentBytes, SignedAtMs(message.Content), now))
        {
            case DeliveryVerdict.Seen:
                stores.PollState.MarkSeen(hash, swarmExpiryMs);
                return false;
            case DeliveryVerdict.OutOfWindow:
                return Drop(hash, swarmExpiryMs, MessageFailure.Replayed,
                    $"from {message.Sender}, signed more than {MessagingLimits.DedupeMemory.TotalDays:0} days from now: a possible replay");
        }
        var content = message.Content;
        // A copy of a message another device of this account sent (Session's syncTarget).
        if (message.Sender == account.AccountId && content.DataMessage is { HasSyncTarget: true })
        {
            var (shown, dropped) = Sync.SentCopies.Take(stores, account.AccountId, content, (long)message.SentAtMs, now);
            if (dropped is not null || shown)
                return dropped is null ? Edit(hash, swarmExpiryMs, null) : Drop(hash, swarmExpiryMs, MessageFailure.None, dropped);
            stores.PollState.MarkSeen(hash, swarmExpiryMs);
            return false; // this device's own copy: it has the message already
        }
        if (content.HasWispDirect)
            return Edit(hash, swarmExpiryMs, DirectOffers is { } takeOffer
                ? takeOffer(message.Sender, content.WispDirect.Memory) // null when taken: not reported as dropped
                : "a direct-mode offer, and direct mode is not available");
        if (content.DataMessage is { GroupUpdateMessage: { } update } && GroupUpdates is { } groups)
        {
            IncomingEdits.KeepName(stores, message.Sender, content.DataMessage, now);
            return Edit(hash, swarmExpiryMs, groups(message.Sender, update, SignedAtMs(content) ?? (long)message.SentAtMs));
        }
        if (content.DataMessage is { Reaction: { } reaction })
            return Edit(hash, swarmExpiryMs, IncomingEdits.React(stores, message.Sender, reaction, now));
        if (content.UnsendRequest is { } unsend)
            return Edit(hash, swarmExpiryMs, IncomingEdits.Unsend(stores, message.Sender, unsend, now));
        if (content.DataMessage is { } data1)
            return Data(hash, swarmExpiryMs, message, data1, now);
        if (!stores.PollState.MarkSeen(hash, swarmExpiryMs))
            return false;
        if (content.ReceiptMessage is { Type: ReceiptMessage.Types.Type.Read } receipt)
        {
            var marked = stores.Messages.ApplyReadReceipt(message.Sender, receipt.Timestamp.Select(t => (long)t), now);
            Received?.Invoke(new PollEvent.ReadReceipt(message.Sender, marked));
        }
        else if (content.TypingMessage is { } typing && now - (long)typing.Timestamp <= (long)MessagingLimits.TypingFreshness.TotalMilliseconds
                 && stores.Conversations.Find(message.Sender)?.State == ConversationState.Accepted)
        {
            Received?.Invoke(new PollEvent.Typing(message.Sender, typing.Action == TypingMessage.Types.Action.Started));
        }
        return true;
    }

    /// <summary>The sender's own timestamp inside the signed content, where the content has one.</summary>
    private static long? SignedAtMs(Content content) =>
        content.DataMessage is { HasTimestamp: true } data ? (long)data.Timestamp
        : content.TypingMessage is { } typing ? (long)typing.Timestamp
        : null;

    private bool Data(string hash, long swarmExpiryMs, OpenedMessage message, DataMessage data, long now)
    {
        var sentAt = data.HasTimestamp ? (long)data.Timestamp : (long)message.SentAtMs;
        var timer = MessageContent.DisappearAfter(message.Content);
        MessageKind kind;
        string body;
        if ((data.Flags & (uint)DataMessage.Types.Flags.ExpirationTimerUpdate) != 0)
        {
            kind = MessageKind.Timer;
            body = Sender.DescribeTimer(timer);
            timer = null; // the change itself does not disappear
        }
        else if (data.Attachments.Count > 0)
        {
            (kind, body) = (MessageKind.Text, Attachments.AttachmentSummary.Describe(data.HasBody ? data.Body : null, data.Attachments));
        }
        else if (data.HasBody && data.Body.Length > 0)
        {
            (kind, body) = (MessageKind.Text, data.Body);
        }
        else
        {
            return Drop(hash, swarmExpiryMs, MessageFailure.Unsupported, "a data message with no text (attachments and reactions are not supported yet)");
        }

        long? expiresAt = timer is { } t ? sentAt + (long)t.TotalMilliseconds : null;
        IncomingOutcome outcome;
        MessageView? stored;
        lock (stores.Local.Gate)
        {
            // The sealing goes in with the row: whoever reads it (another process's change feed) sees it flagged.
            using var transaction = stores.Local.Begin();
            (outcome, stored) = stores.Messages.AddIncoming(
                hash, message.Sender, kind, body, sentAt, now, expiresAt, swarmExpiryMs, IncomingEdits.Quote(data));
            if (stored is not null)
            {
                Keys.SealingRecords.Record(stores.Local, stored.Id, message.Sealing);
                stored = stored with { Sealing = message.Sealing };
            }
            transaction.Commit();
        }
        switch (outcome)
        {
            case IncomingOutcome.Duplicate:
                return false;
            case IncomingOutcome.Blocked:
                Received?.Invoke(new PollEvent.Dropped(hash, MessageFailure.None, $"from {message.Sender}, who is blocked"));
                return true;
        }
        if (data.Attachments.Count > 0)
            stores.Attachments.Add(stored!.Id, [.. data.Attachments.Take(Attachments.AttachmentLimits.MaxFilesPerMessage)]);
        IncomingEdits.KeepName(stores, message.Sender, data, now);
        if (data.Profile is { HasProfilePicture: true } profile && data.HasProfileKey)
            stores.ProfilePictures.Received(message.Sender, profile.ProfilePicture, data.ProfileKey.Span, now);
        if (kind == MessageKind.Timer && stores.Conversations.Find(message.Sender) is { } conversation)
        {
            var after = MessageContent.DisappearAfter(message.Content);
            stores.Conversations.SetSettings(message.Sender, conversation.Settings with { DisappearAfter = after }, now);
        }
        Received?.Invoke(new PollEvent.MessageArrived(stored!, outcome == IncomingOutcome.StoredAsRequest));
        return true;
    }

    /// <summary>A reaction or unsend: applied (null <paramref name="dropped"/>), or dropped with why.</summary>
    private bool Edit(string hash, long swarmExpiryMs, string? dropped)
    {
        if (dropped is not null)
            return Drop(hash, swarmExpiryMs, MessageFailure.None, dropped);
        if (!stores.PollState.MarkSeen(hash, swarmExpiryMs))
            return false;
        Received?.Invoke(new PollEvent.Edited(hash));
        return true;
    }

    private bool Drop(string hash, long swarmExpiryMs, MessageFailure failure, string reason)
    {
        if (!stores.PollState.MarkSeen(hash, swarmExpiryMs))
            return false;
        Received?.Invoke(new PollEvent.Dropped(hash, failure, reason));
        return true;
    }

    /// <summary>Forgets hashes that cannot come back and asks the swarm to delete the copies of disappeared messages.</summary>
    private async Task UpkeepAsync(CancellationToken cancellationToken)
    {
        stores.PollState.ForgetExpired(swarm.NowMs());
        stores.Delivered.ForgetExpired(swarm.NowMs());
        var pending = stores.Disappearing.PendingSwarmDeletes(MessagingLimits.DeleteBatch);
        if (pending.Count == 0)
            return;
        var result = await swarm.DeleteAsync(account, pending, cancellationToken).ConfigureAwait(false);
        // Confirmed by a node: forgotten. A hash the swarm no longer has (expired, or deleted before) counts as done too.
        if (result.Ok && result.Value!.Confirmed > 0)
            stores.Disappearing.ForgetSwarmDeletes(pending);
    }
}
