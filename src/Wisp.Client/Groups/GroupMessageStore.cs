using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Groups;

/// <summary>
/// Group conversations (<c>conversations.kind = 'group'</c>, peer = the group ID) and their messages, in the same
/// <c>messages</c> table as 1:1 ones: the body encrypted as every body is, the sender a member's Account ID, system lines
/// of kind <c>group_update</c>. Incoming messages are deduplicated by their swarm hash.
/// </summary>
internal sealed class GroupMessageStore(LocalStore db)
{
    /// <summary>The group's conversation id, made (in <paramref name="state"/>) when there is none.</summary>
    public long Conversation(string groupId, long nowMs, string state = "accepted")
    {
        lock (db.Gate)
        {
            if (db.Scalar("SELECT id FROM conversations WHERE kind = 'group' AND peer = $g", ("$g", groupId)) is long id)
                return id;
            db.Execute("INSERT INTO conversations (kind, peer, created, state) VALUES ('group', $g, $now, $state)",
                ("$g", groupId), ("$now", nowMs), ("$state", state));
            return (long)db.Scalar("SELECT id FROM conversations WHERE kind = 'group' AND peer = $g", ("$g", groupId))!;
        }
    }

    /// <summary>Sets the conversation's state ('request' while invited, 'accepted' once a member).</summary>
    public void SetState(string groupId, string state)
    {
        lock (db.Gate)
            db.Execute("UPDATE conversations SET state = $s WHERE kind = 'group' AND peer = $g", ("$s", state), ("$g", groupId));
    }

    /// <summary>Deletes the conversation and its messages.</summary>
    public void DeleteConversation(string groupId)
    {
        lock (db.Gate)
            db.Execute("DELETE FROM conversations WHERE kind = 'group' AND peer = $g", ("$g", groupId));
    }

    /// <summary>Adds an incoming message; null when a message with <paramref name="serverHash"/> is there already.</summary>
    public GroupMessageView? AddIncoming(
        string groupId, string serverHash, AccountId sender, GroupMessageKind kind, string body, long sentAtMs, long nowMs, long expiresAtMs)
    {
        var id = MessageRows.NewId();
        var cell = ClientSchema.MessageBody.EncryptText(db.Key, id, body);
        lock (db.Gate)
        {
            var conversation = Conversation(groupId, nowMs);
            var added = db.Execute("""
                INSERT OR IGNORE INTO messages (id, conversation, direction, sender, body, sent_at, received_at, server_hash, kind)
                VALUES ($id, $c, 'in', $sender, $body, $sent, $now, $hash, $kind)
                """, ("$id", id), ("$c", conversation), ("$sender", sender.Hex), ("$body", cell), ("$sent", sentAtMs), ("$now", nowMs),
                ("$hash", serverHash), ("$kind", KindText(kind)));
            _ = expiresAtMs; // group messages live as long as the swarm keeps them; the local copy stays like 1:1 history
            return added == 0 ? null : new GroupMessageView(id, groupId, sender, false, kind, body, sentAtMs, null);
        }
    }

    /// <summary>Adds an outgoing message (pending until the swarm confirms it) or a local system line (<paramref name="status"/> "sent").</summary>
    public GroupMessageView AddOutgoing(string groupId, AccountId self, GroupMessageKind kind, string body, long sentAtMs, string status = "pending")
    {
        var id = MessageRows.NewId();
        var cell = ClientSchema.MessageBody.EncryptText(db.Key, id, body);
        lock (db.Gate)
        {
            var conversation = Conversation(groupId, sentAtMs);
            db.Execute("""
                INSERT INTO messages (id, conversation, direction, sender, body, sent_at, status, kind)
                VALUES ($id, $c, 'out', $sender, $body, $sent, $status, $kind)
                """, ("$id", id), ("$c", conversation), ("$sender", self.Hex), ("$body", cell), ("$sent", sentAtMs), ("$status", status),
                ("$kind", KindText(kind)));
        }
        return new GroupMessageView(id, groupId, self, true, kind, body, sentAtMs, status);
    }

    /// <summary>Records how sending went: "sent" with the swarm hash, or "failed" with why.</summary>
    public void SetStatus(string id, string status, string? hash, string? reason)
    {
        lock (db.Gate)
        {
            db.Execute("UPDATE messages SET status = $s, server_hash = COALESCE($h, server_hash), failure_reason = $r WHERE id = $id",
                ("$s", status), ("$h", hash), ("$r", reason), ("$id", id));
        }
    }

    /// <summary>The last <paramref name="limit"/> messages of the group, oldest first.</summary>
    public IReadOnlyList<GroupMessageView> History(string groupId, int limit)
    {
        lock (db.Gate)
        {
            using var command = db.Command("""
                SELECT * FROM (
                    SELECT m.id, m.sender, m.direction, m.kind, m.body, m.sent_at, m.status, m.rowid AS r FROM messages m
                    JOIN conversations c ON c.id = m.conversation AND c.kind = 'group' AND c.peer = $g
                    ORDER BY m.sent_at DESC, m.rowid DESC LIMIT $limit)
                ORDER BY sent_at, r
                """, ("$g", groupId), ("$limit", limit));
            var messages = new List<GroupMessageView>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!AccountId.TryParse(reader.GetString(1), out var sender, out _))
                    continue;
                var body = ClientSchema.MessageBody.TryDecryptText(db.Key, id, (byte[])reader.GetValue(4), out var text) ? text : "(this message's stored text is damaged)";
                messages.Add(new GroupMessageView(id, groupId, sender, reader.GetString(2) == "out",
                    reader.GetString(3) == "group_update" ? GroupMessageKind.Update : GroupMessageKind.Text, body, reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
            return messages;
        }
    }

    private static string KindText(GroupMessageKind kind) => kind == GroupMessageKind.Update ? "group_update" : "text";
}
