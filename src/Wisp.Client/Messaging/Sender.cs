using Wisp.Client.Conversations;
using Wisp.Client.Keys;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Messaging;

/// <summary>
/// Composes what the account sends and hands messages to the outbox. A message is composed once (so every retry stores
/// the same bytes, with the same hash, and the receiver drops a second copy by hash) and recorded as pending with its
/// deadline: the end of its time in the swarm. Read receipts and typing indicators go out once, outside the outbox:
/// late, they are worthless. Protocol v2 is the default: a contact with published keys gets a forward-secret v2 message;
/// one whose keys are unknown or expired waits for one fetch (<see cref="KeyWaits"/>); one with none gets v1 (Session's
/// transition rule), and the row says so.
/// </summary>
internal sealed class Sender(AccountData data, IMessageSwarm swarm, Ed25519KeyPair account, NetworkHealth health, ClientKeys? keys = null)
{
    /// <summary>Raised when a message was queued (the outbox should try it now).</summary>
    public event Action? Queued;

    /// <summary>Raised after a 1:1 message was composed and queued, with its content (direct mode passes it to history logs).</summary>
    public event Action<MessageView, Content>? Composed;

    /// <summary>
    /// Composes a text message to <paramref name="peer"/> (with the conversation's disappearing timer, and for a reply
    /// the <paramref name="quote"/>) and queues it.
    /// Null, with <paramref name="error"/>, when it cannot be sent at all (too large, or the peer is blocked).
    /// </summary>
    public MessageView? Queue(AccountId peer, string text, string? profileName, out string? error, MessageQuote? quote = null)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(text);
        var timer = data.Conversations.Find(peer)?.Settings.DisappearAfter;
        var sentAt = swarm.NowMs();
        return QueueContent(peer, MessageContent.Text(text, (ulong)sentAt, profileName, timer, quote), MessageKind.Text, text, sentAt, timer, out error, quote);
    }

    /// <summary>
    /// Sets the conversation's disappearing timer (null: off) and queues the change for the peer, so both sides delete
    /// the messages sent from now on.
    /// </summary>
    public MessageView? SetDisappearing(AccountId peer, TimeSpan? after, out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var sentAt = swarm.NowMs();
        if (data.Conversations.Find(peer)?.State == ConversationState.Blocked)
            return Blocked(peer, out error);
        var settings = data.Conversations.Find(peer)?.Settings ?? ConversationSettings.Default;
        data.Conversations.SetSettings(peer, settings with { DisappearAfter = after }, sentAt);
        var body = DescribeTimer(after);
        return QueueContent(peer, MessageContent.TimerUpdate((ulong)sentAt, after), MessageKind.Timer, body, sentAt, timer: null, out error);
    }

    /// <summary>
    /// Composes a message carrying uploaded files (Session's <c>DataMessage.attachments</c>) and an optional caption
    /// (its body), queues it, and records the pointers with the message.
    /// </summary>
    public MessageView? QueueAttachments(
        AccountId peer, string? caption, IReadOnlyList<AttachmentPointer> pointers, string? profileName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(pointers);
        var timer = data.Conversations.Find(peer)?.Settings.DisappearAfter;
        var sentAt = swarm.NowMs();
        var content = MessageContent.Text(caption ?? "", (ulong)sentAt, profileName, timer);
        if (string.IsNullOrEmpty(caption))
            content.DataMessage.ClearBody();
        content.DataMessage.Attachments.AddRange(pointers);
        var body = Attachments.AttachmentSummary.Describe(caption, pointers);
        var message = QueueContent(peer, content, MessageKind.Text, body, sentAt, timer, out error);
        if (message is not null)
            data.Attachments.Add(message.Id, pointers);
        return message;
    }

    /// <summary>The network's time, Unix ms (what message timestamps and retry times are in).</summary>
    public long NowMs() => swarm.NowMs();

    /// <summary>Sends a read receipt or typing indicator once, outside the outbox; true when a node stored it.</summary>
    public async Task<bool> SendSignalAsync(AccountId peer, Content content, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(content);
        var now = swarm.NowMs();
        if (keys is not null && keys.Contacts.Decide(peer).WaitForFetch)
            await keys.Contacts.FetchAsync(peer, cancellationToken).ConfigureAwait(false); // sent once: worth the wait for keys
        var (composed, _, _) = Seal(peer, content, now, mayWait: false);
        if (!composed.Ok)
            return false;
        var result = await swarm.StoreAsync(peer, composed.Stored!, ttl, cancellationToken).ConfigureAwait(false);
        health.Report(result);
        return result.Ok && result.Value!.Confirmed > 0;
    }

    /// <summary>"disappearing messages: after 1h" or "…: off", as a timer change shows in the conversation.</summary>
    public static string DescribeTimer(TimeSpan? after) =>
        after is { } timer && timer > TimeSpan.Zero ? $"disappearing messages: after {DurationText.Format(timer)}" : "disappearing messages: off";

    private MessageView? QueueContent(
        AccountId peer, Content content, MessageKind kind, string body, long sentAt, TimeSpan? timer, out string? error, MessageQuote? quote = null)
    {
        if (data.Conversations.Find(peer)?.State == ConversationState.Blocked)
            return Blocked(peer, out error);
        // The account's profile picture goes with what it writes, as Session sends it: URL in the profile, key beside it.
        if (content.DataMessage is { } outgoing && kind == MessageKind.Text && data.ProfilePictures.Get(account.AccountId) is { } picture)
        {
            outgoing.Profile ??= new LokiProfile();
            outgoing.Profile.ProfilePicture = picture.Url;
            outgoing.ProfileKey = Google.Protobuf.ByteString.CopyFrom(picture.Key);
        }
        var (composed, sealing, waitFor) = Seal(peer, content, sentAt, mayWait: true);
        if (!composed.Ok)
        {
            error = $"the message cannot be sent: {composed.Detail}.";
            return null;
        }
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(peer.Bytes), Namespaces.Default, composed.Stored);
        long? expiresAt = timer is { } t ? sentAt + (long)t.TotalMilliseconds : null;
        // A message is worth storing while it can still be read: for 14 days, or until it disappears.
        var deadline = expiresAt ?? sentAt + (long)MessagingLimits.MessageTtl.TotalMilliseconds;
        MessageView message;
        lock (data.Local.Gate)
        {
            using var transaction = data.Local.Begin();
            message = data.Outbox.AddOutgoing(peer, account.AccountId, kind, body, sentAt, composed.Stored!, hash, expiresAt, deadline, quote);
            SealingRecords.Record(data.Local, message.Id, sealing);
            if (waitFor is not null)
                keys!.Waits.Add(message.Id, waitFor);
            transaction.Commit();
        }
        message = message with { Sealing = sealing };
        Sync.SentCopies.Queue(data, account, peer, content, sentAt); // the copy for the account's other devices
        error = null;
        Composed?.Invoke(message, content);
        Queued?.Invoke();
        return message;
    }

    /// <summary>
    /// Seals <paramref name="content"/> for <paramref name="peer"/>: v2 to a usable cached bundle; else v1, and (when
    /// <paramref name="mayWait"/> and the keys must be fetched first) the v2 form of the content to seal once they come.
    /// </summary>
    private (ComposeResult Composed, MessageSealing Sealing, byte[]? WaitFor) Seal(AccountId peer, Content content, long sentAt, bool mayWait)
    {
        if (keys is not null)
        {
            var decision = keys.Contacts.Decide(peer);
            if (decision.Bundle is not null || (mayWait && decision.WaitForFetch))
            {
                // v2 carries no envelope timestamp: the content's own signed timestamp stands for it, as libsession sets it.
                var v2Content = content.Clone();
                if (!v2Content.HasSigTimestamp)
                    v2Content.SigTimestamp = (ulong)sentAt;
                var serialized = MessageContent.Serialize(v2Content);
                if (decision.Bundle is { } bundle)
                    return (MessageComposer.ComposeV2(account, peer, bundle, serialized, keys.Layer), MessageSealing.V2, null);
                return (MessageComposer.Compose(account, peer, content, (ulong)sentAt), MessageSealing.V1, serialized);
            }
        }
        return (MessageComposer.Compose(account, peer, content, (ulong)sentAt), MessageSealing.V1, null);
    }

    private static MessageView? Blocked(AccountId peer, out string? error)
    {
        error = $"{peer} is blocked; unblock them (wisp requests accept {peer}) to write to them.";
        return null;
    }
}
