using Microsoft.Data.Sqlite;
using Wisp.Community.Auth;
using Wisp.Community.Rooms;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>
/// Reads a room's messages for one user as pysogs's <c>get_messages_for</c>: filtered posts never; whispers only to
/// their target, their author and (for <c>whisper_mods</c>) moderators; deleted messages only in a since-poll, and only
/// to a client that had seen them (created at or before its seqno); reactions attached to every row that has data.
/// </summary>
internal sealed class MessageReader(CommunityDatabase database)
{
    public async Task<List<CommunityMessage>> ReadAsync(
        Room room, CommunityUser? user, bool moderator, MessageQuery query, int limit, int reactorLimit, CancellationToken cancellationToken)
    {
        var since = query is MessageQuery.Since s ? s.Seqno : (long?)null;
        var reactionUpdates = query is MessageQuery.Since { ReactionUpdates: true };
        var notDeleted = since is not null ? "AND (m.data IS NOT NULL OR m.seqno_creation <= $since)" : "AND m.data IS NOT NULL";
        var which = query switch
        {
            MessageQuery.Since when !reactionUpdates => "AND m.seqno > $since AND m.seqno_data > $since",
            MessageQuery.Since => "AND m.seqno > $since",
            MessageQuery.Before => "AND m.id < $id",
            MessageQuery.Single => "AND m.id = $id",
            _ => "",
        };
        var whispers = moderator
            ? "AND (m.whisper_mods OR m.whisper = $user OR m.\"user\" = $user OR m.whisper IS NULL)"
            : user is not null
                ? "AND (m.whisper = $user OR (m.whisper IS NULL AND NOT m.whisper_mods))"
                : "AND m.whisper IS NULL AND NOT m.whisper_mods";
        var order = query switch
        {
            MessageQuery.Since => "ORDER BY m.seqno ASC LIMIT $limit",
            MessageQuery.Single => "",
            _ => "ORDER BY m.id DESC LIMIT $limit",
        };
        var id = query switch { MessageQuery.Before b => b.Id, MessageQuery.Single one => one.Id, _ => 0 };

        var messages = new List<CommunityMessage>();
        await using var connection = database.Open();
        await using (var command = connection.Command($"""
            SELECT m.id, poster.session_id, m.posted, m.seqno, m.data, m.data_size, m.signature, m.edited,
                   m.whisper_mods, target.session_id, m.seqno_data, m.seqno_reactions
            FROM messages m JOIN users poster ON poster.id = m."user" LEFT JOIN users target ON target.id = m.whisper
            WHERE m.room = $room AND NOT m.filtered {notDeleted} {which} {whispers}
            {order}
            """, ("$room", room.Id), ("$since", since ?? 0), ("$id", id), ("$user", user?.Id ?? -1), ("$limit", limit)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                messages.Add(Read(reader, since));
        }
        var withReactions = messages.Where(message => !message.Deleted).Select(message => message.Id).ToList();
        var reactions = await ReactionReader.ForMessagesAsync(connection, withReactions, user, reactorLimit, cancellationToken);
        for (var i = 0; i < messages.Count; i++)
        {
            if (!messages[i].Deleted)
                messages[i] = messages[i] with { Reactions = reactions.GetValueOrDefault(messages[i].Id) ?? new Dictionary<string, ReactionInfo>() };
        }
        return messages;
    }

    private static CommunityMessage Read(SqliteDataReader reader, long? since)
    {
        var (id, seqno, seqnoData, seqnoReactions) = (reader.GetInt64(0), reader.GetInt64(3), reader.GetInt64(10), reader.GetInt64(11));
        // pysogs tests `if sequence and …`: a since-poll from 0 never gets reaction-only rows.
        if (since is > 0 && seqnoReactions > since && since >= seqnoData)
            return new CommunityMessage(id, seqno) { ReactionsOnly = true };
        var deleted = reader.IsDBNull(4);
        var whisperTo = reader.IsDBNull(9) ? null : reader.GetString(9);
        var whisperMods = reader.GetBoolean(8);
        return new CommunityMessage(id, seqno)
        {
            SessionId = reader.GetString(1),
            Posted = reader.GetDouble(2),
            Deleted = deleted,
            Data = deleted ? null : SessionPadding.Restore((byte[])reader[4], reader.IsDBNull(5) ? 0 : reader.GetInt64(5)),
            Signature = deleted ? null : (byte[])reader[6],
            Edited = reader.IsDBNull(7) ? null : reader.GetDouble(7),
            Whisper = whisperTo is not null || whisperMods,
            WhisperMods = whisperMods,
            WhisperTo = whisperTo,
        };
    }
}
