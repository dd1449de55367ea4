using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;

namespace Wisp.Community.Rooms;

/// <summary>The <c>rooms</c> table: looking rooms up, and the admin's add and remove (S2's command calls these).</summary>
internal sealed class RoomStore(CommunityDatabase database, TimeProvider time)
{
    private const string Columns =
        "id, token, name, description, image, created, message_sequence, info_updates, active_users, read, accessible, write, upload";

    /// <summary>The room with <paramref name="token"/> (case-insensitive), or null.</summary>
    public async Task<Room?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command($"SELECT {Columns} FROM rooms WHERE token = $token", ("$token", token));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The room with row id <paramref name="id"/>, or null.</summary>
    public async Task<Room?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command($"SELECT {Columns} FROM rooms WHERE id = $id", ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Every room, ordered by token.</summary>
    public async Task<IReadOnlyList<Room>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command($"SELECT {Columns} FROM rooms ORDER BY token");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rooms = new List<Room>();
        while (await reader.ReadAsync(cancellationToken))
            rooms.Add(Read(reader));
        return rooms;
    }

    /// <summary>Adds a room; null when the token is taken.</summary>
    public async Task<Room?> AddAsync(string token, string name, string? description, CancellationToken cancellationToken)
    {
        var added = await database.WriteAsync(async (_, transaction) =>
        {
            await using var insert = transaction.Command(
                "INSERT INTO rooms (token, name, description, created) VALUES ($token, $name, $description, $created) ON CONFLICT (token) DO NOTHING",
                ("$token", token), ("$name", name), ("$description", description), ("$created", time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        return added ? await FindAsync(token, cancellationToken) : null;
    }

    /// <summary>Removes a room and everything in it; false when there was none.</summary>
    public Task<bool> RemoveAsync(string token, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using var delete = transaction.Command("DELETE FROM rooms WHERE token = $token", ("$token", token));
            return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    internal static Room Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetDouble(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8),
        reader.GetBoolean(9), reader.GetBoolean(10), reader.GetBoolean(11), reader.GetBoolean(12));
}
