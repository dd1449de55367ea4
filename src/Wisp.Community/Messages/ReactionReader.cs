using Microsoft.Data.Sqlite;
using Wisp.Community.Auth;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>
/// The reactions of a page of messages, as pysogs's <c>get_reactions</c>: per message, each reaction in the order it
/// was first added (<c>index</c>), its <c>count</c>, <c>you</c> when the asking user reacted so, and the first
/// <c>reactors</c> (by time) up to the limit.
/// </summary>
internal static class ReactionReader
{
    public static async Task<Dictionary<long, Dictionary<string, ReactionInfo>>> ForMessagesAsync(
        SqliteConnection connection, IReadOnlyList<long> messageIds, CommunityUser? user, int reactorLimit, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, Dictionary<string, ReactionInfo>>();
        if (messageIds.Count == 0)
            return result;
        var ids = string.Join(',', messageIds);
        var byReaction = new Dictionary<long, (long Message, string Emoji)>();
        await using (var command = connection.Command($"""
            SELECT r.id, r.message, r.reaction,
                   (SELECT COUNT(*) FROM user_reactions WHERE reaction = r.id),
                   EXISTS (SELECT 1 FROM user_reactions WHERE reaction = r.id AND "user" = $user)
            FROM reactions r WHERE r.message IN ({ids}) ORDER BY r.id
            """, ("$user", user?.Id ?? -1)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var message = reader.GetInt64(1);
                var emoji = reader.GetString(2);
                var reactions = result.TryGetValue(message, out var known) ? known : result[message] = [];
                reactions[emoji] = new ReactionInfo(reactions.Count, reader.GetInt64(3)) { You = reader.GetBoolean(4) ? true : null };
                byReaction[reader.GetInt64(0)] = (message, emoji);
            }
        }
        if (reactorLimit <= 0 || byReaction.Count == 0)
            return result;
        var reactors = new Dictionary<long, List<string>>();
        await using (var command = connection.Command($"""
            SELECT f.reaction, u.session_id FROM (
                SELECT reaction, "user", at, rank() OVER (PARTITION BY reaction ORDER BY at) AS position
                FROM user_reactions WHERE reaction IN ({string.Join(',', byReaction.Keys)})
            ) f JOIN users u ON u.id = f."user"
            WHERE f.position <= $limit ORDER BY f.at
            """, ("$limit", reactorLimit)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var reaction = reader.GetInt64(0);
                (reactors.TryGetValue(reaction, out var list) ? list : reactors[reaction] = []).Add(reader.GetString(1));
            }
        }
        foreach (var (reaction, list) in reactors)
        {
            var (message, emoji) = byReaction[reaction];
            result[message][emoji] = result[message][emoji] with { Reactors = list };
        }
        return result;
    }
}
