using Microsoft.Data.Sqlite;
using Wisp.Client.LocalData;
using Wisp.Crypto;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>How a row of <c>messages</c> (joined with its conversation) becomes a <see cref="MessageView"/>: one mapping for every store that reads messages.</summary>
internal static class MessageRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order, from <c>messages m JOIN conversations c</c>.</summary>
    public const string Columns = """
        m.id, c.peer, m.direction, m.sender, m.kind, m.body, m.sent_at, m.received_at, m.status, m.failure_reason,
        m.attempts, m.read_at, m.expires_at, m.server_hash, m.deadline_at, m.change, m.inserted_change,
        m.quote_id, m.quote_author, m.quote_text, m.deleted_at, m.edit_change, m.sealing,
        (SELECT group_concat(r.author || ' ' || r.emoji, char(10)) FROM (SELECT author, emoji FROM reactions WHERE message = m.id ORDER BY at, rowid) r)
        """;

    /// <summary>The FROM clause that goes with <see cref="Columns"/>: 1:1 conversations only (groups read theirs in <c>Groups/</c>).</summary>
    public const string From = "messages m JOIN conversations c ON c.id = m.conversation AND c.kind = 'direct'";

    /// <summary>Reads the current row.</summary>
    public static MessageView Read(SqliteDataReader reader, DataKey key)
    {
        var id = reader.GetString(0);
        // A body that fails to decrypt (a damaged cell) is shown as such rather than hiding the whole conversation.
        var body = ClientSchema.MessageBody.TryDecryptText(key, id, (byte[])reader.GetValue(5), out var text) ? text : "(this message's stored text is damaged)";
        MessageQuote? quote = null;
        if (!reader.IsDBNull(17) && !reader.IsDBNull(18) && AccountId.TryParse(reader.GetString(18), out var author, out _))
        {
            var quoted = reader.IsDBNull(19) ? "" : ClientSchema.QuoteText.TryDecryptText(key, id, (byte[])reader.GetValue(19), out var q) ? q : "(damaged)";
            quote = new MessageQuote(reader.GetInt64(17), author, quoted);
        }
        return new MessageView(
            id, AccountId.Parse(reader.GetString(1)), reader.GetString(2) == "in" ? MessageDirection.In : MessageDirection.Out,
            AccountId.Parse(reader.GetString(3)), reader.GetString(4) == "timer" ? MessageKind.Timer : MessageKind.Text, body,
            reader.GetInt64(6), NullableInt64(reader, 7), reader.IsDBNull(8) ? null : ParseStatus(reader.GetString(8)),
            reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), NullableInt64(reader, 11), NullableInt64(reader, 12),
            reader.IsDBNull(13) ? null : reader.GetString(13), NullableInt64(reader, 14))
        {
            Change = reader.GetInt64(15),
            InsertedChange = reader.GetInt64(16),
            Quote = quote,
            DeletedAtMs = NullableInt64(reader, 20),
            EditChange = reader.GetInt64(21),
            Sealing = Keys.MessageSealings.Parse(reader.IsDBNull(22) ? null : reader.GetString(22)),
            Reactions = reader.IsDBNull(23) ? [] : ParseReactions(reader.GetString(23)),
        };
    }

    /// <summary>Every message a query returns, in its order.</summary>
    public static List<MessageView> ReadAll(SqliteCommand command, DataKey key)
    {
        var messages = new List<MessageView>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            messages.Add(Read(reader, key));
        return messages;
    }

    /// <summary>A fresh message id (chosen before the body is encrypted: it is the body's row key).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomBytes.Get(16));

    /// <summary>A message kind as the database spells it.</summary>
    public static string KindText(MessageKind kind) => kind == MessageKind.Timer ? "timer" : "text";

    private static List<MessageReaction> ParseReactions(string rows)
    {
        var reactions = new List<MessageReaction>();
        foreach (var row in rows.Split('\n'))
        {
            var space = row.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && AccountId.TryParse(row[..space], out var author, out _))
                reactions.Add(new MessageReaction(author, row[(space + 1)..]));
        }
        return reactions;
    }

    private static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static MessageStatus ParseStatus(string text) => text switch
    {
        "sent" => MessageStatus.Sent,
        "failed" => MessageStatus.Failed,
        _ => MessageStatus.Pending,
    };
}
