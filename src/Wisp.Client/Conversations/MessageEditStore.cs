using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// What happens to a message after it was added: reactions (one per author and emoji), deletion for everyone (Session's
/// unsend: the text goes, the row stays as "(message deleted)") and deletion for this account only (the row goes).
/// Received messages deleted either way are also queued for deletion from the account's swarm.
/// </summary>
internal sealed class MessageEditStore(LocalStore db, ConversationStore conversations, MessageStore messages)
{
    /// <summary>Longest emoji accepted, in characters (32): a few code points joined, not a message.</summary>
    public const int MaxEmojiLength = 32;

    /// <summary>
    /// The message of the conversation with <paramref name="peer"/> written by <paramref name="author"/> at
    /// <paramref name="sentAtMs"/> (how Session names a message in quotes, reactions and unsends), or null.
    /// </summary>
    public MessageView? FindBySent(AccountId peer, AccountId author, long sentAtMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(author);
        lock (db.Gate)
        {
            if (conversations.Find(peer) is not { } conversation)
                return null;
            var id = db.Scalar(
                "SELECT id FROM messages WHERE conversation = $c AND sender = $author AND sent_at = $sent ORDER BY rowid LIMIT 1",
                ("$c", conversation.Id), ("$author", author.Hex), ("$sent", sentAtMs)) as string;
            return id is null ? null : messages.Find(id);
        }
    }

    /// <summary>
    /// Adds (or, with <paramref name="remove"/>, removes) <paramref name="author"/>'s <paramref name="emoji"/> on a
    /// message. False when nothing changed (already there, already gone, a deleted message or none).
    /// </summary>
    public bool React(string messageId, AccountId author, string emoji, bool remove, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(emoji);
        lock (db.Gate)
        {
            if (messages.Find(messageId) is not { DeletedAtMs: null })
                return false;
            return remove
                ? db.Execute("DELETE FROM reactions WHERE message = $m AND author = $a AND emoji = $e",
                    ("$m", messageId), ("$a", author.Hex), ("$e", emoji)) > 0
                : db.Execute("INSERT INTO reactions (message, author, emoji, at) VALUES ($m, $a, $e, $now) ON CONFLICT DO NOTHING",
                    ("$m", messageId), ("$a", author.Hex), ("$e", emoji), ("$now", nowMs)) > 0;
        }
    }

    /// <summary>Records what a reply quoted (called under the lock, in the transaction that added the reply).</summary>
    internal static void WriteQuote(LocalStore db, string messageId, MessageQuote quote)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(quote);
        db.Execute("UPDATE messages SET quote_id = $id, quote_author = $author, quote_text = $text WHERE id = $m",
            ("$id", quote.SentAtMs), ("$author", quote.Author.Hex),
            ("$text", ClientSchema.QuoteText.EncryptText(db.Key, messageId, quote.Text)), ("$m", messageId));
    }

    /// <summary>
    /// Deletes a message for everyone, as its author asked: its text, quote and reactions go; the row stays, marked
    /// deleted (one still pending stops: failed, "deleted before it was sent"). False when there is no such message or
    /// it was deleted already.
    /// </summary>
    public bool MarkDeleted(string messageId, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            if (messages.Find(messageId) is not { DeletedAtMs: null } message)
                return false;
            db.Execute("DELETE FROM reactions WHERE message = $m", ("$m", messageId));
            // A pending message stops first: the deletion is then the row's last change, which followers report as an edit.
            db.Execute("""
                UPDATE messages SET status = 'failed', failure_reason = 'deleted before it was sent', next_attempt_at = NULL
                WHERE id = $m AND status = 'pending'
                """, ("$m", messageId));
            db.Execute("""
                UPDATE messages SET body = $body, quote_id = NULL, quote_author = NULL, quote_text = NULL, payload = NULL, deleted_at = $now
                WHERE id = $m
                """, ("$body", ClientSchema.MessageBody.EncryptText(db.Key, messageId, "")), ("$now", nowMs), ("$m", messageId));
            ForgetSwarmCopy(message, nowMs);
            transaction.Commit();
            return true;
        }
    }

    /// <summary>Deletes a message on this account only (nothing is sent). False when there is no such message.</summary>
    public bool DeleteLocally(string messageId, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            if (messages.Find(messageId) is not { } message)
                return false;
            db.Execute("DELETE FROM messages WHERE id = $m", ("$m", messageId));
            ForgetSwarmCopy(message, nowMs);
            transaction.Commit();
            return true;
        }
    }

    // A received message is still in the account's own swarm: ask the poller to delete it there too (a signed delete).
    private void ForgetSwarmCopy(MessageView message, long nowMs)
    {
        if (message.Direction == MessageDirection.In && message.ServerHash is { } hash)
            db.Execute("INSERT INTO swarm_deletes (hash, added) VALUES ($hash, $now) ON CONFLICT DO NOTHING", ("$hash", hash), ("$now", nowMs));
    }
}
