using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Sync;

/// <summary>
/// Sent-message sync as Session does it: a 1:1 message this device sends is also sealed to the account itself with
/// <c>DataMessage.syncTarget</c> naming the recipient and stored in the account's own swarm; the account's other devices
/// show it as sent by themselves in that conversation. The sending device drops its own copy when it comes back (it
/// already has a message sent at that time in that conversation), so each device shows the message exactly once.
/// </summary>
internal static class SentCopies
{
    /// <summary>Queues the own-swarm copy of <paramref name="content"/> sent to <paramref name="peer"/> at <paramref name="sentAtMs"/>.</summary>
    public static void Queue(AccountData data, Ed25519KeyPair account, AccountId peer, Content content, long sentAtMs)
    {
        if (content.DataMessage is null || peer == account.AccountId)
            return;
        var copy = content.Clone();
        copy.DataMessage.SyncTarget = peer.Hex;
        var composed = MessageComposer.Compose(account, account.AccountId, copy, (ulong)sentAtMs);
        if (!composed.Ok)
            return; // the message itself is refused for the same reason; nothing to copy
        var deadline = sentAtMs + (long)SyncLimits.CopyTtl.TotalMilliseconds;
        new UserConfigStore(data.Local).AddCopy(composed.Stored!, deadline);
    }

    /// <summary>
    /// Takes a copy retrieved from the own swarm: shown (a new sent message in the conversation), not (this device
    /// already has it), or dropped with why.
    /// </summary>
    public static (bool Shown, string? Dropped) Take(AccountData data, AccountId self, Content content, long fallbackSentAtMs, long nowMs)
    {
        var copy = content.DataMessage;
        var timer = MessageContent.DisappearAfter(content);
        if (!AccountId.TryParse(copy.SyncTarget, out var peer, out _) || peer == self)
            return (false, $"a sent-message copy whose syncTarget is not another account: '{copy.SyncTarget}'");
        var sentAt = copy.HasTimestamp ? (long)copy.Timestamp : fallbackSentAtMs;
        MessageKind kind;
        string body;
        if ((copy.Flags & (uint)DataMessage.Types.Flags.ExpirationTimerUpdate) != 0)
            (kind, body) = (MessageKind.Timer, Sender.DescribeTimer(timer));
        else if (copy.Attachments.Count > 0)
            (kind, body) = (MessageKind.Text, Attachments.AttachmentSummary.Describe(copy.HasBody ? copy.Body : null, copy.Attachments));
        else if (copy.HasBody && copy.Body.Length > 0)
            (kind, body) = (MessageKind.Text, copy.Body);
        else
            return (false, "a sent-message copy with nothing to show");

        var db = data.Local;
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            var conversation = data.Conversations.GetOrCreate(peer, ConversationState.Accepted, nowMs);
            var known = db.Scalar(
                "SELECT 1 FROM messages WHERE conversation = $c AND direction = 'out' AND sent_at = $sent",
                ("$c", conversation.Id), ("$sent", sentAt));
            if (known is not null)
                return (false, null); // this device sent it (or took the copy before)
            var id = MessageRows.NewId();
            long? expiresAt = timer is { } t && kind == MessageKind.Text ? sentAt + (long)t.TotalMilliseconds : null;
            db.Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, status, expires_at, kind)
                VALUES ($id, $conversation, 'out', $sender, $body, $sent, 'sent', $expires, $kind)
                """,
                ("$id", id), ("$conversation", conversation.Id), ("$sender", self.Hex),
                ("$body", ClientSchema.MessageBody.EncryptText(db.Key, id, body)), ("$sent", sentAt), ("$expires", expiresAt),
                ("$kind", MessageRows.KindText(kind)));
            transaction.Commit();
        }
        return (true, null);
    }
}
