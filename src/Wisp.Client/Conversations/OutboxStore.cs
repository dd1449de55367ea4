using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// Outgoing messages on their way to the peer's swarm: pending (with the exact bytes to store, the next attempt time
/// and the deadline after which the outbox gives up), sent, or failed with a reason. Every process of the profile
/// works from the same table, so whichever runs next retries what another left pending.
/// </summary>
internal sealed class OutboxStore(LocalStore db, ConversationStore conversations, MessageStore messages)
{
    /// <summary>
    /// Records an outgoing message as pending, due at once, with the exact bytes to store (<paramref name="payload"/>),
    /// the hash the swarm will give them and the time after which it is failed (<paramref name="deadlineMs"/>). Creates
    /// the conversation (accepted) if needed; a pending request from the peer is accepted by replying. A reply records
    /// its <paramref name="quote"/>.
    /// </summary>
    public MessageView AddOutgoing(
        AccountId peer, AccountId self, MessageKind kind, string body, long sentAtMs, byte[] payload, string serverHash, long? expiresAtMs,
        long deadlineMs, MessageQuote? quote = null)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(serverHash);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            var conversation = conversations.GetOrCreate(peer, ConversationState.Accepted, sentAtMs);
            if (conversation.State is ConversationState.Request or ConversationState.Declined)
                db.Execute("UPDATE conversations SET state = 'accepted' WHERE id = $id", ("$id", conversation.Id));
            var id = MessageRows.NewId();
            db.Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, status, server_hash, expires_at, kind,
                                      attempts, next_attempt_at, payload, deadline_at)
                VALUES ($id, $conversation, 'out', $sender, $body, $sent, 'pending', $hash, $expires, $kind, 0, $sent, $payload, $deadline)
                """,
                ("$id", id), ("$conversation", conversation.Id), ("$sender", self.Hex),
                ("$body", ClientSchema.MessageBody.EncryptText(db.Key, id, body)), ("$sent", sentAtMs), ("$hash", serverHash),
                ("$expires", expiresAtMs), ("$kind", MessageRows.KindText(kind)), ("$payload", payload), ("$deadline", deadlineMs));
            if (quote is not null)
                MessageEditStore.WriteQuote(db, id, quote);
            transaction.Commit();
            return messages.Find(id)!;
        }
    }

    /// <summary>Pending messages due at <paramref name="nowMs"/>, earliest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<OutboxItem> Due(long nowMs, int limit)
    {
        lock (db.Gate)
        {
            var items = new List<OutboxItem>();
            using var command = db.Command("""
                SELECT m.id, c.peer, m.payload, m.server_hash, m.sent_at, m.attempts, m.expires_at, m.deadline_at
                FROM messages m JOIN conversations c ON c.id = m.conversation
                WHERE m.status = 'pending' AND m.next_attempt_at <= $now AND m.payload IS NOT NULL
                ORDER BY m.next_attempt_at, m.sent_at LIMIT $limit
                """, ("$now", nowMs), ("$limit", limit));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                items.Add(new OutboxItem(
                    reader.GetString(0), AccountId.Parse(reader.GetString(1)), (byte[])reader.GetValue(2), reader.GetString(3),
                    reader.GetInt64(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    reader.IsDBNull(7) ? reader.GetInt64(4) + (long)Messaging.MessagingLimits.MessageTtl.TotalMilliseconds : reader.GetInt64(7)));
            }
            return items;
        }
    }

    /// <summary>When the next pending message is due, or null when none is pending.</summary>
    public long? NextAttempt()
    {
        lock (db.Gate)
            return db.Scalar("SELECT MIN(next_attempt_at) FROM messages WHERE status = 'pending'") as long?;
    }

    /// <summary>Makes every pending message due at <paramref name="nowMs"/> (a new process tries at once, whatever backoff an earlier one left).</summary>
    public int MakeAllDue(long nowMs)
    {
        lock (db.Gate)
            return db.Execute("UPDATE messages SET next_attempt_at = $now WHERE status = 'pending' AND next_attempt_at > $now", ("$now", nowMs));
    }

    /// <summary>Every message still pending or failed, oldest first: what <c>wisp outbox</c> lists.</summary>
    public IReadOnlyList<MessageView> Unsent()
    {
        lock (db.Gate)
        {
            using var command = db.Command(
                $"SELECT {MessageRows.Columns} FROM {MessageRows.From} WHERE m.status IN ('pending', 'failed') AND m.deleted_at IS NULL ORDER BY m.sent_at, m.rowid");
            return MessageRows.ReadAll(command, db.Key);
        }
    }

    /// <summary>The swarm confirmed the message: sent; its bytes are no longer kept.</summary>
    public void MarkSent(string id)
    {
        lock (db.Gate)
        {
            db.Execute("""
                UPDATE messages SET status = 'sent', failure_reason = NULL, attempts = attempts + 1, next_attempt_at = NULL, payload = NULL
                WHERE id = $id AND status = 'pending'
                """, ("$id", id));
        }
    }

    /// <summary>An attempt failed; the message stays pending, with the reason, until <paramref name="nextAttemptAtMs"/>.</summary>
    public void MarkAttemptFailed(string id, string reason, long nextAttemptAtMs)
    {
        lock (db.Gate)
        {
            db.Execute("""
                UPDATE messages SET failure_reason = $reason, attempts = attempts + 1, next_attempt_at = $next
                WHERE id = $id AND status = 'pending'
                """, ("$reason", reason), ("$next", nextAttemptAtMs), ("$id", id));
        }
    }

    /// <summary>
    /// The outbox gave up: failed, with the reason (the bytes are kept, so <see cref="Retry"/> can send them again).
    /// <paramref name="afterAttempt"/> when an attempt just failed (it is counted).
    /// </summary>
    public void MarkFailed(string id, string reason, bool afterAttempt)
    {
        lock (db.Gate)
        {
            db.Execute("""
                UPDATE messages SET status = 'failed', failure_reason = $reason, attempts = attempts + $add, next_attempt_at = NULL
                WHERE id = $id AND status = 'pending'
                """, ("$reason", reason), ("$add", afterAttempt ? 1 : 0), ("$id", id));
        }
    }

    /// <summary>
    /// Puts a failed message back in the outbox, due at <paramref name="nowMs"/>, with a new deadline
    /// (<paramref name="deadlineMs"/>). False when it is not a failed message.
    /// </summary>
    public bool Retry(string id, long nowMs, long deadlineMs)
    {
        lock (db.Gate)
        {
            return db.Execute("""
                UPDATE messages SET status = 'pending', attempts = 0, next_attempt_at = $now, deadline_at = $deadline
                WHERE id = $id AND status = 'failed' AND payload IS NOT NULL
                """, ("$now", nowMs), ("$deadline", deadlineMs), ("$id", id)) == 1;
        }
    }

    /// <summary>The ids of every failed message that can be retried (its bytes are kept).</summary>
    public IReadOnlyList<string> Failed()
    {
        lock (db.Gate)
        {
            var ids = new List<string>();
            using var command = db.Command("SELECT id FROM messages WHERE status = 'failed' AND payload IS NOT NULL ORDER BY sent_at, rowid");
            using var reader = command.ExecuteReader();
            while (reader.Read())
                ids.Add(reader.GetString(0));
            return ids;
        }
    }
}
