using Microsoft.Data.Sqlite;
using Wisp.Client.LocalData;
using Wisp.Crypto;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

public sealed partial class ConversationStore
{
    private const string MessageColumns = """
        m.id, c.peer, m.direction, m.sender, m.kind, m.body, m.sent_at, m.received_at, m.status, m.failure_reason,
        m.attempts, m.read_at, m.expires_at, m.server_hash
        """;

    /// <summary>
    /// Records an incoming message, unless its hash was seen before (<see cref="IncomingOutcome.Duplicate"/>) or its
    /// sender is blocked (<see cref="IncomingOutcome.Blocked"/>; the hash is still remembered). A sender with no
    /// conversation, or a declined one, gets a message request. <paramref name="swarmExpiryMs"/> is when the swarm drops
    /// it (the hash is remembered until then); <paramref name="expiresAtMs"/>, for a disappearing message, when the
    /// client deletes it.
    /// </summary>
    public (IncomingOutcome Outcome, MessageView? Message) AddIncoming(
        string serverHash, AccountId sender, MessageKind kind, string body, long sentAtMs, long receivedAtMs,
        long? expiresAtMs, long swarmExpiryMs)
    {
        ArgumentNullException.ThrowIfNull(serverHash);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(body);
        lock (_gate)
        {
            using var transaction = Begin();
            if (!MarkSeenLocked(serverHash, swarmExpiryMs))
                return (IncomingOutcome.Duplicate, null);
            var conversation = GetOrCreateLocked(sender, ConversationState.Request, receivedAtMs);
            if (conversation.State == ConversationState.Blocked)
            {
                transaction.Commit();
                return (IncomingOutcome.Blocked, null);
            }
            if (conversation.State == ConversationState.Declined)
            {
                Execute("UPDATE conversations SET state = 'request' WHERE id = $id", ("$id", conversation.Id));
                conversation = conversation with { State = ConversationState.Request };
            }
            var id = NewMessageId();
            Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, received_at, server_hash, expires_at, kind)
                VALUES ($id, $conversation, 'in', $sender, $body, $sent, $received, $hash, $expires, $kind)
                ON CONFLICT (server_hash) DO NOTHING
                """,
                ("$id", id), ("$conversation", conversation.Id), ("$sender", sender.Hex),
                ("$body", ClientSchema.MessageBody.EncryptText(_key, id, body)), ("$sent", sentAtMs), ("$received", receivedAtMs),
                ("$hash", serverHash), ("$expires", expiresAtMs), ("$kind", KindText(kind)));
            transaction.Commit();
            var outcome = conversation.State == ConversationState.Request ? IncomingOutcome.StoredAsRequest : IncomingOutcome.Stored;
            return (outcome, FindMessageLocked(id));
        }
    }

    /// <summary>
    /// Remembers a swarm message's hash that is not stored as a message (a receipt, a typing indicator, one dropped):
    /// true the first time, false when it was seen before.
    /// </summary>
    public bool MarkSeen(string serverHash, long swarmExpiryMs)
    {
        ArgumentNullException.ThrowIfNull(serverHash);
        lock (_gate)
            return MarkSeenLocked(serverHash, swarmExpiryMs);
    }

    /// <summary>True when the hash was taken from the swarm before.</summary>
    public bool WasSeen(string serverHash)
    {
        lock (_gate)
        {
            using var command = Command("SELECT 1 FROM seen_hashes WHERE hash = $hash", ("$hash", serverHash));
            return command.ExecuteScalar() is not null;
        }
    }

    /// <summary>The latest <paramref name="limit"/> messages of the conversation with <paramref name="peer"/>, oldest first.</summary>
    public IReadOnlyList<MessageView> History(AccountId peer, int limit = 100)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
            return FindLocked(peer) is { } conversation ? HistoryLocked(conversation, limit) : [];
    }

    /// <summary>The message with id <paramref name="id"/>, or null.</summary>
    public MessageView? FindMessage(string id)
    {
        lock (_gate)
            return FindMessageLocked(id);
    }

    /// <summary>Marks the peer's unread messages read; returns their sender timestamps (what a read receipt names).</summary>
    public IReadOnlyList<long> MarkRead(AccountId peer, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
        {
            if (FindLocked(peer) is not { } conversation)
                return [];
            var read = new List<long>();
            using (var command = Command(
                "SELECT sent_at FROM messages WHERE conversation = $id AND direction = 'in' AND read_at IS NULL AND kind = 'text' ORDER BY sent_at",
                ("$id", conversation.Id)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    read.Add(reader.GetInt64(0));
            }
            Execute("UPDATE messages SET read_at = $now WHERE conversation = $id AND direction = 'in' AND read_at IS NULL",
                ("$now", nowMs), ("$id", conversation.Id));
            return read;
        }
    }

    /// <summary>Records the peer's read receipt for this account's messages sent at <paramref name="sentAtMs"/>; returns how many it marked.</summary>
    public int ApplyReadReceipt(AccountId peer, IEnumerable<long> sentAtMs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(sentAtMs);
        lock (_gate)
        {
            if (FindLocked(peer) is not { } conversation)
                return 0;
            var marked = 0;
            foreach (var sent in sentAtMs.Distinct().Take(Limits.MaxReceiptTimestamps))
            {
                marked += Execute(
                    "UPDATE messages SET read_at = $now WHERE conversation = $id AND direction = 'out' AND sent_at = $sent AND read_at IS NULL",
                    ("$now", nowMs), ("$id", conversation.Id), ("$sent", sent));
            }
            return marked;
        }
    }

    /// <summary>
    /// Deletes the disappearing messages whose time has come. The hashes of incoming ones are queued to be deleted
    /// from the account's swarm too (<see cref="PendingSwarmDeletes"/>). Returns the deleted messages' ids.
    /// </summary>
    public IReadOnlyList<string> DeleteExpired(long nowMs)
    {
        lock (_gate)
        {
            using var transaction = Begin();
            var ids = new List<string>();
            using (var command = Command(
                "SELECT id, direction, server_hash FROM messages WHERE expires_at IS NOT NULL AND expires_at <= $now", ("$now", nowMs)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                    if (reader.GetString(1) == "in" && !reader.IsDBNull(2))
                        Execute("INSERT INTO swarm_deletes (hash, added) VALUES ($hash, $now) ON CONFLICT DO NOTHING",
                            ("$hash", reader.GetString(2)), ("$now", nowMs));
                }
            }
            Execute("DELETE FROM messages WHERE expires_at IS NOT NULL AND expires_at <= $now", ("$now", nowMs));
            Execute("DELETE FROM seen_hashes WHERE expires_at <= $now", ("$now", nowMs));
            transaction.Commit();
            return ids;
        }
    }

    /// <summary>Hashes waiting to be deleted from the account's swarm, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> PendingSwarmDeletes(int limit)
    {
        lock (_gate)
        {
            var hashes = new List<string>();
            using var command = Command("SELECT hash FROM swarm_deletes ORDER BY added, hash LIMIT $limit", ("$limit", limit));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                hashes.Add(reader.GetString(0));
            return hashes;
        }
    }

    /// <summary>Forgets swarm deletes that a node confirmed.</summary>
    public void ForgetSwarmDeletes(IEnumerable<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        lock (_gate)
        {
            foreach (var hash in hashes)
                Execute("DELETE FROM swarm_deletes WHERE hash = $hash", ("$hash", hash));
        }
    }

    private bool MarkSeenLocked(string serverHash, long swarmExpiryMs) =>
        Execute("INSERT INTO seen_hashes (hash, expires_at) VALUES ($hash, $expires) ON CONFLICT (hash) DO NOTHING",
            ("$hash", serverHash), ("$expires", swarmExpiryMs)) == 1;

    private List<MessageView> HistoryLocked(Conversation conversation, int limit)
    {
        var messages = new List<MessageView>();
        using var command = Command($"""
            SELECT {MessageColumns} FROM messages m JOIN conversations c ON c.id = m.conversation
            WHERE m.conversation = $id ORDER BY m.sent_at DESC, m.rowid DESC LIMIT $limit
            """, ("$id", conversation.Id), ("$limit", limit));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            messages.Add(ReadMessage(reader));
        messages.Reverse();
        return messages;
    }

    private MessageView? FindMessageLocked(string id)
    {
        using var command = Command($"SELECT {MessageColumns} FROM messages m JOIN conversations c ON c.id = m.conversation WHERE m.id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadMessage(reader) : null;
    }

    private MessageView ReadMessage(SqliteDataReader reader)
    {
        var id = reader.GetString(0);
        // A body that fails to decrypt (a damaged cell) is shown as such rather than hiding the whole conversation.
        var body = ClientSchema.MessageBody.TryDecryptText(_key, id, (byte[])reader.GetValue(5), out var text) ? text : "(this message's stored text is damaged)";
        return new MessageView(
            id, AccountId.Parse(reader.GetString(1)), reader.GetString(2) == "in" ? MessageDirection.In : MessageDirection.Out,
            AccountId.Parse(reader.GetString(3)), reader.GetString(4) == "timer" ? MessageKind.Timer : MessageKind.Text, body,
            reader.GetInt64(6), NullableInt64(reader, 7), reader.IsDBNull(8) ? null : ParseStatus(reader.GetString(8)),
            reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), NullableInt64(reader, 11), NullableInt64(reader, 12),
            reader.IsDBNull(13) ? null : reader.GetString(13));
    }

    private static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static string NewMessageId() => Convert.ToHexStringLower(RandomBytes.Get(16));

    private static string KindText(MessageKind kind) => kind == MessageKind.Timer ? "timer" : "text";

    private static MessageStatus ParseStatus(string text) => text switch
    {
        "sent" => MessageStatus.Sent,
        "failed" => MessageStatus.Failed,
        _ => MessageStatus.Pending,
    };
}
