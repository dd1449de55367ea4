using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Rooms;

/// <summary>
/// Per-user rights in a room as moderators set them (<c>user_permission_overrides</c>) and the changes scheduled
/// for later (<c>user_permission_futures</c>, with the timed bans of <c>user_ban_futures</c> in the listings), read
/// and written as pysogs's <c>Room.set_permissions</c>, <c>permissions</c> and <c>future_permissions</c> do.
/// </summary>
internal static class PermissionOverrides
{
    /// <summary>The rights a moderator may set or hand back to the room's default.</summary>
    public static readonly IReadOnlyList<string> Settable = ["accessible", "read", "write", "upload"];

    /// <summary>Every user with rights set in the room: Session ID → those rights.</summary>
    public static async Task<IReadOnlyDictionary<string, PermissionOverride>> ListAsync(SqliteConnection connection, long roomId, CancellationToken cancellationToken)
    {
        var list = new SortedDictionary<string, PermissionOverride>(StringComparer.Ordinal);
        await using var command = connection.Command($"""
            SELECT users.session_id, {Columns} FROM user_permission_overrides o JOIN users ON o."user" = users.id WHERE o.room = $room
            """, ("$room", roomId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            list[reader.GetString(0)] = Shape(reader, 1);
        return list;
    }

    /// <summary>The user's rights set in the room (<see cref="PermissionOverride.None"/> when nothing is).</summary>
    public static async Task<PermissionOverride> ForUserAsync(SqliteConnection connection, long roomId, long userId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"""SELECT {Columns} FROM user_permission_overrides o WHERE o.room = $room AND o."user" = $user""", ("$room", roomId), ("$user", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Shape(reader, 0) : PermissionOverride.None;
    }

    /// <summary>
    /// Sets the named rights (true, false, or null for the room's default), leaving the others as they are; a new
    /// row leaves them null. A row left with nothing in it goes (the schema's trigger).
    /// </summary>
    public static async Task SetAsync(SqliteTransaction transaction, long roomId, long userId, IReadOnlyDictionary<string, bool?> rights, CancellationToken cancellationToken)
    {
        var names = Settable.Where(rights.ContainsKey).ToList(); // only known names reach the SQL text
        var parameters = new List<(string, object?)> { ("$room", roomId), ("$user", userId) };
        parameters.AddRange(names.Select(name => ($"${name}", (object?)rights[name])));
        await using var command = transaction.Command($"""
            INSERT INTO user_permission_overrides (room, "user", {string.Join(", ", names)})
            VALUES ($room, $user, {string.Join(", ", names.Select(name => "$" + name))})
            ON CONFLICT (room, "user") DO UPDATE SET {string.Join(", ", names.Select(name => $"{name} = ${name}"))}
            """, [.. parameters]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets the scheduled changes of the named rights (read, write, upload) for the user in the room.</summary>
    public static async Task ClearFuturesAsync(SqliteTransaction transaction, long roomId, long userId, IReadOnlyCollection<string> rights, CancellationToken cancellationToken)
    {
        var names = new[] { "read", "write", "upload" }.Where(rights.Contains).ToList();
        if (names.Count == 0)
            return;
        await using (var clear = transaction.Command(
            $"""UPDATE user_permission_futures SET {string.Join(", ", names.Select(name => $"{name} = NULL"))} WHERE room = $room AND "user" = $user""",
            ("$room", roomId), ("$user", userId)))
            await clear.ExecuteNonQueryAsync(cancellationToken);
        // A change with nothing left to change is no change.
        await using var empty = transaction.Command(
            """DELETE FROM user_permission_futures WHERE room = $room AND "user" = $user AND read IS NULL AND write IS NULL AND upload IS NULL""",
            ("$room", roomId), ("$user", userId));
        await empty.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Schedules the non-null rights to be set at unix time <paramref name="at"/>.</summary>
    public static async Task AddFutureAsync(SqliteTransaction transaction, long roomId, long userId, double at, bool? read, bool? write, bool? upload, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            """INSERT INTO user_permission_futures (room, "user", at, read, write, upload) VALUES ($room, $user, $at, $read, $write, $upload)""",
            ("$room", roomId), ("$user", userId), ("$at", at), ("$read", read), ("$write", write), ("$upload", upload));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The room's scheduled changes and timed (un)bans, soonest first: every user's with their Session IDs, or (given
    /// <paramref name="userId"/>) one user's without.
    /// </summary>
    public static async Task<IReadOnlyList<FuturePermission>> FuturesAsync(SqliteConnection connection, long roomId, long? userId, CancellationToken cancellationToken)
    {
        var futures = new List<FuturePermission>();
        await using var command = connection.Command("""
            SELECT users.session_id, f.at, f.read, f.write, f.upload, f.banned FROM (
                SELECT "user", at, read, write, upload, NULL AS banned FROM user_permission_futures WHERE room = $room
                UNION ALL
                SELECT "user", at, NULL, NULL, NULL, banned FROM user_ban_futures WHERE room = $room
            ) f JOIN users ON f."user" = users.id
            WHERE $user IS NULL OR f."user" = $user
            ORDER BY f.at
            """, ("$room", roomId), ("$user", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bool? Flag(int column) => reader.IsDBNull(column) ? null : reader.GetBoolean(column);
            futures.Add(new FuturePermission(reader.GetDouble(1), userId is null ? reader.GetString(0) : null, Flag(2), Flag(3), Flag(4), Flag(5)));
        }
        return futures;
    }

    /// <summary>
    /// Applies the changes due by <paramref name="now"/> and forgets them (pysogs's <c>apply_permission_updates</c>):
    /// a null in the change keeps the current right; a right equal to the room's default becomes the default (null).
    /// </summary>
    public static async Task<int> ApplyDueAsync(SqliteTransaction transaction, double now, CancellationToken cancellationToken)
    {
        int applied;
        await using (var apply = transaction.Command("""
            INSERT INTO user_permission_overrides (room, "user", read, write, upload)
            SELECT f.room, f."user",
                    CASE WHEN f.read IS NULL THEN o.read ELSE NULLIF(f.read, r.read) END,
                    CASE WHEN f.write IS NULL THEN o.write ELSE NULLIF(f.write, r.write) END,
                    CASE WHEN f.upload IS NULL THEN o.upload ELSE NULLIF(f.upload, r.upload) END
                FROM user_permission_futures f
                    JOIN rooms r ON f.room = r.id
                    LEFT JOIN user_permission_overrides o ON f.room = o.room AND f."user" = o."user"
                WHERE f.at <= $now
                ORDER BY f.at
            ON CONFLICT (room, "user") DO UPDATE SET read = excluded.read, write = excluded.write, upload = excluded.upload
            """, ("$now", now)))
            applied = await apply.ExecuteNonQueryAsync(cancellationToken);
        if (applied > 0)
        {
            await using var forget = transaction.Command("DELETE FROM user_permission_futures WHERE at <= $now", ("$now", now));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }
        return applied;
    }

    private const string Columns = "o.banned, o.read, o.accessible, o.write, o.upload, o.moderator, o.admin, o.visible_mod";

    // pysogs's addExtraPermInfo over the row at `first`: one of admin/moderator, hidden for an unlisted one, banned only when true.
    private static PermissionOverride Shape(SqliteDataReader reader, int first)
    {
        bool? Flag(int column) => reader.IsDBNull(first + column) ? null : reader.GetBoolean(first + column);
        var (moderator, admin, visible) = (reader.GetBoolean(first + 5), reader.GetBoolean(first + 6), reader.GetBoolean(first + 7));
        return new PermissionOverride(
            Banned: reader.GetBoolean(first) ? true : null,
            Read: Flag(1),
            Accessible: Flag(2),
            Write: Flag(3),
            Upload: Flag(4),
            Moderator: moderator && !admin ? true : null,
            Admin: moderator && admin ? true : null,
            Hidden: moderator && !visible ? true : null);
    }
}
