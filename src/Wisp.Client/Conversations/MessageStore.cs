using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// The messages of the account's conversations: incoming ones as they are taken from the swarm, history, read marks
/// both ways. Bodies are encrypted at rest under the account's data key. Outgoing messages enter through the
/// <see cref="OutboxStore"/>.
/// </summary>
internal sealed class MessageStore(LocalStore db, ConversationStore conversations, PollStateStore pollState)
{
    /// <summary>
    /// Records an incoming message, unless its hash was seen before (<see cref="IncomingOutcome.Duplicate"/>) or its
    /// sender is blocked (<see cref="IncomingOutcome.Blocked"/>; the hash is still remembered). A sender with no
    /// conversation, or a declined one, gets a message request. <paramref name="swarmExpiryMs"/> is when the swarm drops
    /// it (the hash is remembered until then); <paramref name="expiresAtMs"/>, for a disappearing message, when the
    /// client deletes it; <paramref name="quote"/>, for a reply, what it quoted.
    /// </summary>
    public (IncomingOutcome Outcome, MessageView? Message) AddIncoming(
        string serverHash, AccountId sender, MessageKind kind, string body, long sentAtMs, long receivedAtMs,
        long? expiresAtMs, long swarmExpiryMs, MessageQuote? quote = null)
    {
        ArgumentNullException.ThrowIfNull(serverHash);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(body);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            if (!pollState.MarkSeen(serverHash, swarmExpiryMs))
                return (IncomingOutcome.Duplicate, null);
            var conversation = conversations.GetOrCreate(sender, ConversationState.Request, receivedAtMs);
            if (conversation.State == ConversationState.Blocked)
            {
                transaction.Commit();
                return (IncomingOutcome.Blocked, null);
            }
            if (conversation.State == ConversationState.Declined)
            {
                db.Execute("UPDATE conversations SET state = 'request' WHERE id = $id", ("$id", conversation.Id));
                conversation = conversation with { State = ConversationState.Request };
            }
            var id = MessageRows.NewId();
            db.Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, received_at, server_hash, expires_at, kind)
                VALUES ($id, $conversation, 'in', $sender, $body, $sent, $received, $hash, $expires, $kind)
                ON CONFLICT (server_hash) DO NOTHING
                """,
                ("$id", id), ("$conversation", conversation.Id), ("$sender", sender.Hex),
                ("$body", ClientSchema.MessageBody.EncryptText(db.Key, id, body)), ("$sent", sentAtMs), ("$received", receivedAtMs),
                ("$hash", serverHash), ("$expires", expiresAtMs), ("$kind", MessageRows.KindText(kind)));
            if (quote is not null)
                MessageEditStore.WriteQuote(db, id, quote);
            transaction.Commit();
            var outcome = conversation.State == ConversationState.Request ? IncomingOutcome.StoredAsRequest : IncomingOutcome.Stored;
            return (outcome, Find(id));
        }
    }

    /// <summary>The latest <paramref name="limit"/> messages of the conversation with <paramref name="peer"/>, oldest first.</summary>
    public IReadOnlyList<MessageView> History(AccountId peer, int limit = 100)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (db.Gate)
            return conversations.Find(peer) is { } conversation ? History(conversation.Id, limit) : [];
    }

    /// <summary>The latest <paramref name="limit"/> messages of conversation <paramref name="conversationId"/>, oldest first.</summary>
    public IReadOnlyList<MessageView> History(long conversationId, int limit)
    {
        lock (db.Gate)
        {
            using var command = db.Command($"""
                SELECT {MessageRows.Columns} FROM {MessageRows.From}
                WHERE m.conversation = $id ORDER BY m.sent_at DESC, m.rowid DESC LIMIT $limit
                """, ("$id", conversationId), ("$limit", limit));
            var messages = MessageRows.ReadAll(command, db.Key);
            messages.Reverse();
            return messages;
        }
    }

    /// <summary>The message with id <paramref name="id"/>, or null.</summary>
    public MessageView? Find(string id)
    {
        lock (db.Gate)
        {
            using var command = db.Command($"SELECT {MessageRows.Columns} FROM {MessageRows.From} WHERE m.id = $id", ("$id", id));
            return MessageRows.ReadAll(command, db.Key).FirstOrDefault();
        }
    }

    /// <summary>Incoming messages of conversation <paramref name="conversationId"/> not yet read.</summary>
    public int Unread(long conversationId)
    {
        lock (db.Gate)
        {
            return Convert.ToInt32(db.Scalar(
                "SELECT COUNT(*) FROM messages WHERE conversation = $id AND direction = 'in' AND read_at IS NULL", ("$id", conversationId)),
                System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Marks the peer's unread messages read; returns their sender timestamps (what a read receipt names).</summary>
    public IReadOnlyList<long> MarkRead(AccountId peer, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            if (conversations.Find(peer) is not { } conversation)
                return [];
            var read = new List<long>();
            using (var command = db.Command(
                "SELECT sent_at FROM messages WHERE conversation = $id AND direction = 'in' AND read_at IS NULL AND kind = 'text' ORDER BY sent_at",
                ("$id", conversation.Id)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    read.Add(reader.GetInt64(0));
            }
            db.Execute("UPDATE messages SET read_at = $now WHERE conversation = $id AND direction = 'in' AND read_at IS NULL",
                ("$now", nowMs), ("$id", conversation.Id));
            return read;
        }
    }

    /// <summary>Records the peer's read receipt for this account's messages sent at <paramref name="sentAtMs"/>; returns how many it marked.</summary>
    public int ApplyReadReceipt(AccountId peer, IEnumerable<long> sentAtMs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(sentAtMs);
        lock (db.Gate)
        {
            if (conversations.Find(peer) is not { } conversation)
                return 0;
            var marked = 0;
            foreach (var sent in sentAtMs.Distinct().Take(Limits.MaxReceiptTimestamps))
            {
                marked += db.Execute(
                    "UPDATE messages SET read_at = $now WHERE conversation = $id AND direction = 'out' AND sent_at = $sent AND read_at IS NULL",
                    ("$now", nowMs), ("$id", conversation.Id), ("$sent", sent));
            }
            return marked;
        }
    }
}
