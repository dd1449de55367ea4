using Microsoft.Data.Sqlite;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// The account's 1:1 conversations: where each stands with its peer (<see cref="ConversationState"/>) and its settings
/// (disappearing timer, read receipts, typing indicators). Times are Unix ms, passed in.
/// </summary>
internal sealed class ConversationStore(LocalStore db)
{
    private const string Columns = "id, peer, state, disappear_seconds, read_receipts, typing_indicators";

    /// <summary>The conversation with <paramref name="peer"/>, or null when there is none.</summary>
    public Conversation? Find(AccountId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            using var command = db.Command($"SELECT {Columns} FROM conversations WHERE kind = 'direct' AND peer = $peer", ("$peer", peer.Hex));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <summary>Every conversation, in no particular order.</summary>
    public IReadOnlyList<Conversation> All()
    {
        lock (db.Gate)
        {
            var conversations = new List<Conversation>();
            using var command = db.Command($"SELECT {Columns} FROM conversations WHERE kind = 'direct'");
            using var reader = command.ExecuteReader();
            while (reader.Read())
                conversations.Add(Read(reader));
            return conversations;
        }
    }

    /// <summary>The conversation with <paramref name="peer"/>, made in <paramref name="state"/> when there is none.</summary>
    public Conversation GetOrCreate(AccountId peer, ConversationState state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            if (Find(peer) is { } existing)
                return existing;
            db.Execute("INSERT INTO conversations (kind, peer, created, state) VALUES ('direct', $peer, $now, $state)",
                ("$peer", peer.Hex), ("$now", nowMs), ("$state", StateText(state)));
            return Find(peer)!;
        }
    }

    /// <summary>
    /// Moves the conversation to <paramref name="state"/> (creating it if needed). Declining deletes its messages;
    /// contacts' approved/blocked flags follow the state.
    /// </summary>
    public Conversation SetState(AccountId peer, ConversationState state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            var conversation = GetOrCreate(peer, state, nowMs);
            db.Execute("UPDATE conversations SET state = $state WHERE id = $id", ("$state", StateText(state)), ("$id", conversation.Id));
            if (state == ConversationState.Declined)
                db.Execute("DELETE FROM messages WHERE conversation = $id", ("$id", conversation.Id));
            if (state is ConversationState.Accepted or ConversationState.Blocked)
            {
                db.Execute("INSERT INTO contacts (account_id, created) VALUES ($peer, $now) ON CONFLICT (account_id) DO NOTHING",
                    ("$peer", peer.Hex), ("$now", nowMs));
                db.Execute("UPDATE contacts SET approved = $approved, blocked = $blocked WHERE account_id = $peer",
                    ("$approved", state == ConversationState.Accepted ? 1 : 0), ("$blocked", state == ConversationState.Blocked ? 1 : 0), ("$peer", peer.Hex));
            }
            transaction.Commit();
            return conversation with { State = state };
        }
    }

    /// <summary>Changes the conversation's settings (creating it, accepted, if needed).</summary>
    public Conversation SetSettings(AccountId peer, ConversationSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(settings);
        lock (db.Gate)
        {
            var conversation = GetOrCreate(peer, ConversationState.Accepted, nowMs);
            db.Execute("""
                UPDATE conversations SET disappear_seconds = $seconds, read_receipts = $receipts, typing_indicators = $typing
                WHERE id = $id
                """,
                ("$seconds", (long)(settings.DisappearAfter?.TotalSeconds ?? 0)), ("$receipts", settings.ReadReceipts ? 1 : 0),
                ("$typing", settings.TypingIndicators ? 1 : 0), ("$id", conversation.Id));
            return conversation with { Settings = settings };
        }
    }

    /// <summary>A conversation state as the database spells it.</summary>
    public static string StateText(ConversationState state) => state switch
    {
        ConversationState.Request => "request",
        ConversationState.Accepted => "accepted",
        ConversationState.Declined => "declined",
        ConversationState.Blocked => "blocked",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a conversation state."),
    };

    private static ConversationState ParseState(string text) => text switch
    {
        "request" => ConversationState.Request,
        "declined" => ConversationState.Declined,
        "blocked" => ConversationState.Blocked,
        _ => ConversationState.Accepted,
    };

    private static Conversation Read(SqliteDataReader reader)
    {
        var seconds = reader.GetInt64(3);
        return new Conversation(
            reader.GetInt64(0), AccountId.Parse(reader.GetString(1)), ParseState(reader.GetString(2)),
            new ConversationSettings(seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, reader.GetInt64(4) != 0, reader.GetInt64(5) != 0));
    }
}
