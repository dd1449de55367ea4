using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

public sealed partial class ConversationStore
{
    /// <summary>
    /// Records an outgoing message as pending, due at once, with the exact bytes to store (<paramref name="payload"/>)
    /// and the hash the swarm will give them. Creates the conversation (accepted) if needed; a pending request from the
    /// peer is accepted by replying.
    /// </summary>
    public MessageView AddOutgoing(
        AccountId peer, AccountId self, MessageKind kind, string body, long sentAtMs, byte[] payload, string serverHash, long? expiresAtMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(serverHash);
        lock (_gate)
        {
            using var transaction = Begin();
            var conversation = GetOrCreateLocked(peer, ConversationState.Accepted, sentAtMs);
            if (conversation.State is ConversationState.Request or ConversationState.Declined)
                Execute("UPDATE conversations SET state = 'accepted' WHERE id = $id", ("$id", conversation.Id));
            var id = NewMessageId();
            Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, status, server_hash, expires_at, kind,
                                      attempts, next_attempt_at, payload)
                VALUES ($id, $conversation, 'out', $sender, $body, $sent, 'pending', $hash, $expires, $kind, 0, $sent, $payload)
                """,
                ("$id", id), ("$conversation", conversation.Id), ("$sender", self.Hex),
                ("$body", ClientSchema.MessageBody.EncryptText(_key, id, body)), ("$sent", sentAtMs), ("$hash", serverHash),
                ("$expires", expiresAtMs), ("$kind", KindText(kind)), ("$payload", payload));
            transaction.Commit();
            return FindMessageLocked(id)!;
        }
    }

    /// <summary>Pending messages due at <paramref name="nowMs"/>, earliest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<OutboxItem> DueOutbox(long nowMs, int limit)
    {
        lock (_gate)
        {
            var items = new List<OutboxItem>();
            using var command = Command("""
                SELECT m.id, c.peer, m.payload, m.server_hash, m.sent_at, m.attempts, m.expires_at
                FROM messages m JOIN conversations c ON c.id = m.conversation
                WHERE m.status = 'pending' AND m.next_attempt_at <= $now AND m.payload IS NOT NULL
                ORDER BY m.next_attempt_at, m.sent_at LIMIT $limit
                """, ("$now", nowMs), ("$limit", limit));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                items.Add(new OutboxItem(
                    reader.GetString(0), AccountId.Parse(reader.GetString(1)), (byte[])reader.GetValue(2), reader.GetString(3),
                    reader.GetInt64(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt64(6)));
            }
            return items;
        }
    }

    /// <summary>When the next pending message is due, or null when none is pending.</summary>
    public long? NextOutboxAttempt()
    {
        lock (_gate)
        {
            using var command = Command("SELECT MIN(next_attempt_at) FROM messages WHERE status = 'pending'");
            return command.ExecuteScalar() is long due ? due : null;
        }
    }

    /// <summary>The swarm confirmed the message: sent; its bytes are no longer kept.</summary>
    public void MarkSent(string id)
    {
        lock (_gate)
        {
            Execute("""
                UPDATE messages SET status = 'sent', failure_reason = NULL, attempts = attempts + 1, next_attempt_at = NULL, payload = NULL
                WHERE id = $id AND status = 'pending'
                """, ("$id", id));
        }
    }

    /// <summary>An attempt failed; the message stays pending, with the reason, until <paramref name="nextAttemptAtMs"/>.</summary>
    public void MarkAttemptFailed(string id, string reason, long nextAttemptAtMs)
    {
        lock (_gate)
        {
            Execute("""
                UPDATE messages SET failure_reason = $reason, attempts = attempts + 1, next_attempt_at = $next
                WHERE id = $id AND status = 'pending'
                """, ("$reason", reason), ("$next", nextAttemptAtMs), ("$id", id));
        }
    }

    /// <summary>The outbox gave up: failed, with the reason (the bytes are kept, so <see cref="Retry"/> can send them again).</summary>
    public void MarkFailed(string id, string reason)
    {
        lock (_gate)
        {
            Execute("""
                UPDATE messages SET status = 'failed', failure_reason = $reason, attempts = attempts + 1, next_attempt_at = NULL
                WHERE id = $id AND status = 'pending'
                """, ("$reason", reason), ("$id", id));
        }
    }

    /// <summary>Puts a failed message back in the outbox, due at <paramref name="nowMs"/>. False when it is not a failed message.</summary>
    public bool Retry(string id, long nowMs)
    {
        lock (_gate)
        {
            return Execute("""
                UPDATE messages SET status = 'pending', attempts = 0, next_attempt_at = $now
                WHERE id = $id AND status = 'failed' AND payload IS NOT NULL
                """, ("$now", nowMs), ("$id", id)) == 1;
        }
    }

    /// <summary>Where retrieving from <paramref name="node"/> left off in namespace <paramref name="ns"/>, or null.</summary>
    public string? LastHash(string node, int ns)
    {
        lock (_gate)
        {
            using var command = Command("SELECT last_hash FROM poll_state WHERE node = $node AND namespace = $ns", ("$node", node), ("$ns", ns));
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>Records where retrieving from <paramref name="node"/> left off.</summary>
    public void SetLastHash(string node, int ns, string lastHash)
    {
        lock (_gate)
        {
            Execute("""
                INSERT INTO poll_state (node, namespace, last_hash) VALUES ($node, $ns, $hash)
                ON CONFLICT (node, namespace) DO UPDATE SET last_hash = excluded.last_hash
                """, ("$node", node), ("$ns", ns), ("$hash", lastHash));
        }
    }
}
