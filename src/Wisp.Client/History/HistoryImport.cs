using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.History;

namespace Wisp.Client.History;

/// <summary>What one import took: messages shown, ones already held, entries that could not be shown.</summary>
public sealed record HistoryImportResult(int Imported, int Known, int Skipped);

/// <summary>
/// Takes the verified blocks of replicated logs into this device's conversations: the account's own logs (from its
/// other devices) as messages it sent, a contact's log of the conversation with this account as messages received.
/// A message already held — the same conversation, direction, sender and sent time, the key Wisp recognises sent
/// copies by — is not shown twice; a log refused as a fork is not taken.
/// </summary>
internal static class HistoryImport
{
    /// <summary>Imports every replica's blocks not taken yet; <paramref name="progress"/> hears each log's count.</summary>
    public static HistoryImportResult Run(AccountData data, AccountId self, long nowMs, Action<HistoryLogRow, int>? progress = null)
    {
        var store = new HistoryStore(data.Local);
        int imported = 0, known = 0, skipped = 0;
        foreach (var log in store.List().Where(l => !l.Own && l.Refused is null && l.Imported < l.Length))
        {
            var outgoing = log.Owner == self;
            if (!outgoing && log.Manifest.Conversation != self)
                continue; // a contact's log with someone else never arrives here; be sure it is never shown
            var peer = outgoing ? log.Manifest.Conversation : log.Owner;
            var taken = 0;
            for (var block = log.Imported; block < log.Length; block++)
            {
                var entry = LogEntry.Decode(store.Block(log.LogId, block)!);
                switch (Take(data, self, peer, log.Owner, outgoing, entry, nowMs))
                {
                    case true: imported++; taken++; break;
                    case false: known++; break;
                    case null: skipped++; break;
                }
            }
            lock (data.Local.Gate)
                store.SetImported(log.LogId, log.Length);
            progress?.Invoke(log, taken);
        }
        return new HistoryImportResult(imported, known, skipped);
    }

    // True: shown; false: already held; null: nothing a conversation can show (not a message Wisp reads).
    private static bool? Take(AccountData data, AccountId self, AccountId peer, AccountId sender, bool outgoing, LogEntry entry, long nowMs)
    {
        Content content;
        try { content = Content.Parser.ParseFrom(entry.Content); }
        catch (Google.Protobuf.InvalidProtocolBufferException) { return null; }
        if (content.DataMessage is not { } message)
            return null;
        var timer = Messaging.MessageContent.DisappearAfter(content);
        MessageKind kind;
        string body;
        if ((message.Flags & (uint)DataMessage.Types.Flags.ExpirationTimerUpdate) != 0)
            (kind, body) = (MessageKind.Timer, Messaging.Sender.DescribeTimer(timer));
        else if (message.Attachments.Count > 0)
            (kind, body) = (MessageKind.Text, Attachments.AttachmentSummary.Describe(message.HasBody ? message.Body : null, message.Attachments));
        else if (message.HasBody && message.Body.Length > 0)
            (kind, body) = (MessageKind.Text, message.Body);
        else
            return null;

        var db = data.Local;
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            var conversation = data.Conversations.GetOrCreate(peer, ConversationState.Accepted, nowMs);
            var direction = outgoing ? "out" : "in";
            if (db.Scalar(
                "SELECT 1 FROM messages WHERE conversation = $c AND direction = $d AND sender = $s AND sent_at = $sent",
                ("$c", conversation.Id), ("$d", direction), ("$s", sender.Hex), ("$sent", entry.SentAtMs)) is not null)
                return false;
            var id = MessageRows.NewId();
            long? expiresAt = timer is { } t && kind == MessageKind.Text ? entry.SentAtMs + (long)t.TotalMilliseconds : null;
            if (expiresAt is { } expiry && expiry <= nowMs)
                return null; // it has disappeared on every device that held it; restoring it would undo that
            db.Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, received_at, status, expires_at, kind)
                VALUES ($id, $conversation, $direction, $sender, $body, $sent, $received, $status, $expires, $kind)
                """,
                ("$id", id), ("$conversation", conversation.Id), ("$direction", direction), ("$sender", sender.Hex),
                ("$body", ClientSchema.MessageBody.EncryptText(db.Key, id, body)), ("$sent", entry.SentAtMs),
                ("$received", outgoing ? null : nowMs), ("$status", outgoing ? "sent" : null), ("$expires", expiresAt),
                ("$kind", MessageRows.KindText(kind)));
            if (message.Attachments.Count > 0)
                data.Attachments.Add(id, [.. message.Attachments]);
            transaction.Commit();
        }
        return true;
    }
}
