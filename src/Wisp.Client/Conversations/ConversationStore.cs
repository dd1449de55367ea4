using System.Globalization;
using Microsoft.Data.Sqlite;
using Wisp.Client.Account;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// An account's conversations, contacts, messages, outbox and poll positions in its <see cref="ClientDatabase"/>.
/// Message bodies and nicknames are <see cref="EncryptedColumn"/>s under the account's data key. Safe to call from the
/// sender and the poller at once: every call takes one lock around the single connection. Times are Unix ms, passed in.
/// </summary>
public sealed partial class ConversationStore
{
    private readonly SqliteConnection _connection;
    private readonly DataKey _key;
    private readonly Lock _gate = new();
    private SqliteTransaction? _transaction;

    /// <summary>A store over an open database and the key of its encrypted columns.</summary>
    public ConversationStore(ClientDatabase database, DataKey key)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        _connection = database.Connection;
        _key = key;
    }

    /// <summary>The store of an unlocked account.</summary>
    public static ConversationStore For(OpenAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ConversationStore(account.Database, account.DataKey);
    }

    /// <summary>The conversation with <paramref name="peer"/>, or null when there is none.</summary>
    public Conversation? Find(AccountId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
            return FindLocked(peer);
    }

    /// <summary>The conversation with <paramref name="peer"/>, made in <paramref name="state"/> when there is none.</summary>
    public Conversation GetOrCreate(AccountId peer, ConversationState state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
            return GetOrCreateLocked(peer, state, nowMs);
    }

    /// <summary>Every conversation with its unread count and latest message, latest first; requests included.</summary>
    public IReadOnlyList<ConversationSummary> List()
    {
        lock (_gate)
        {
            var conversations = new List<Conversation>();
            using (var command = Command("SELECT id, peer, state, disappear_seconds, read_receipts, typing_indicators FROM conversations"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    conversations.Add(ReadConversation(reader));
            }
            var nicknames = ContactsLocked().Where(c => c.Nickname is not null).ToDictionary(c => c.AccountId, c => c.Nickname);
            return conversations
                .Select(c => new ConversationSummary(c, nicknames.GetValueOrDefault(c.Peer), UnreadLocked(c.Id), HistoryLocked(c, 1).LastOrDefault()))
                .OrderByDescending(s => s.Last?.SentAtMs ?? 0)
                .ToList();
        }
    }

    /// <summary>
    /// Moves the conversation to <paramref name="state"/> (creating it if needed). Declining deletes its messages;
    /// contacts' approved/blocked flags follow the state.
    /// </summary>
    public Conversation SetState(AccountId peer, ConversationState state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_gate)
        {
            using var transaction = Begin();
            var conversation = GetOrCreateLocked(peer, state, nowMs);
            Execute("UPDATE conversations SET state = $state WHERE id = $id", ("$state", StateText(state)), ("$id", conversation.Id));
            if (state == ConversationState.Declined)
                Execute("DELETE FROM messages WHERE conversation = $id", ("$id", conversation.Id));
            if (state is ConversationState.Accepted or ConversationState.Blocked)
            {
                Execute("INSERT INTO contacts (account_id, created) VALUES ($peer, $now) ON CONFLICT (account_id) DO NOTHING",
                    ("$peer", peer.Hex), ("$now", nowMs));
                Execute("UPDATE contacts SET approved = $approved, blocked = $blocked WHERE account_id = $peer",
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
        lock (_gate)
        {
            var conversation = GetOrCreateLocked(peer, ConversationState.Accepted, nowMs);
            Execute("""
                UPDATE conversations SET disappear_seconds = $seconds, read_receipts = $receipts, typing_indicators = $typing
                WHERE id = $id
                """,
                ("$seconds", (long)(settings.DisappearAfter?.TotalSeconds ?? 0)), ("$receipts", settings.ReadReceipts ? 1 : 0),
                ("$typing", settings.TypingIndicators ? 1 : 0), ("$id", conversation.Id));
            return conversation with { Settings = settings };
        }
    }

    private Conversation? FindLocked(AccountId peer)
    {
        using var command = Command(
            "SELECT id, peer, state, disappear_seconds, read_receipts, typing_indicators FROM conversations WHERE kind = 'direct' AND peer = $peer",
            ("$peer", peer.Hex));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadConversation(reader) : null;
    }

    private Conversation GetOrCreateLocked(AccountId peer, ConversationState state, long nowMs)
    {
        if (FindLocked(peer) is { } existing)
            return existing;
        Execute("INSERT INTO conversations (kind, peer, created, state) VALUES ('direct', $peer, $now, $state)",
            ("$peer", peer.Hex), ("$now", nowMs), ("$state", StateText(state)));
        return FindLocked(peer)!;
    }

    private int UnreadLocked(long conversation)
    {
        using var command = Command(
            "SELECT COUNT(*) FROM messages WHERE conversation = $id AND direction = 'in' AND read_at IS NULL", ("$id", conversation));
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static Conversation ReadConversation(SqliteDataReader reader)
    {
        var seconds = reader.GetInt64(3);
        return new Conversation(
            reader.GetInt64(0), AccountId.Parse(reader.GetString(1)), ParseState(reader.GetString(2)),
            new ConversationSettings(seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, reader.GetInt64(4) != 0, reader.GetInt64(5) != 0));
    }

    private static string StateText(ConversationState state) => state switch
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

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Begins a transaction that the store's commands join until it is disposed.</summary>
    private TransactionScope Begin()
    {
        _transaction = _connection.BeginTransaction();
        return new TransactionScope(this);
    }

    private readonly struct TransactionScope(ConversationStore store) : IDisposable
    {
        public void Commit()
        {
            store._transaction!.Commit();
            Dispose();
        }

        public void Dispose()
        {
            store._transaction?.Dispose();
            store._transaction = null;
        }
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }
}
