using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;

namespace Wisp.Community.Files;

/// <summary>A <c>files</c> row a download needs.</summary>
internal sealed record RoomFile(long Id, string? Filename, string Path, double Uploaded, double? Expiry, long Size);

/// <summary>
/// Room files: the bytes under <c>uploads/TOKEN/ID_NAME</c> in the data directory, the row in <c>files</c>. The name
/// on disk is the uploader's, cleaned of everything but word characters and <c>+-.'()@[]</c> and shortened as pysogs
/// does; the name handed back on download is the uploader's own, with only NUL and <c>/</c> replaced.
/// </summary>
internal sealed partial class RoomFileStore(CommunityDatabase database, string dataDirectory)
{
    /// <summary>The folder of uploads in the data directory.</summary>
    public const string UploadsFolder = "uploads";

    /// <summary>Stores an upload to the room, living <paramref name="lifetime"/> seconds; returns its id.</summary>
    public async Task<long> AddAsync(string roomToken, long roomId, long uploaderId, ReadOnlyMemory<byte> content, string? filename, double now, double lifetime, CancellationToken cancellationToken)
    {
        filename = filename?.Replace('\0', '\uFFFD').Replace('/', '\uFFFD');
        var folder = Path.Combine(dataDirectory, UploadsFolder, roomToken);
        Directory.CreateDirectory(folder);
        string? written = null;
        try
        {
            return await database.WriteAsync(async (_, transaction) =>
            {
                long id;
                await using (var insert = transaction.Command(
                    "INSERT INTO files (room, uploader, size, uploaded, expiry, filename, path) VALUES ($room, $user, $size, $now, $expiry, $name, 'tmp') RETURNING id",
                    ("$room", roomId), ("$user", uploaderId), ("$size", content.Length), ("$now", now), ("$expiry", now + lifetime), ("$name", filename)))
                    id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
                var relative = Path.Combine(UploadsFolder, roomToken, $"{id}_{DiskName(filename)}");
                written = Path.Combine(dataDirectory, relative);
                await File.WriteAllBytesAsync(written, content, cancellationToken);
                await using var path = transaction.Command("UPDATE files SET path = $path WHERE id = $id", ("$path", relative), ("$id", id));
                await path.ExecuteNonQueryAsync(cancellationToken);
                return id;
            }, cancellationToken);
        }
        catch when (written is not null)
        {
            File.Delete(written); // the row was rolled back: leave no orphan bytes
            throw;
        }
    }

    /// <summary>Where a file's bytes are: its stored path is relative to the data directory, so the directory can move.</summary>
    public string FullPath(string storedPath) => Path.Combine(dataDirectory, storedPath);

    /// <summary>The room's file <paramref name="id"/> unless it does not exist or has expired.</summary>
    public async Task<RoomFile?> FindAsync(long roomId, long id, double now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command(
            "SELECT id, filename, path, uploaded, expiry, size FROM files WHERE room = $room AND id = $id AND (expiry IS NULL OR expiry > $now)",
            ("$room", roomId), ("$id", id), ("$now", now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new RoomFile(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetDouble(3),
            reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetInt64(5));
    }

    /// <summary>
    /// Gives a post the files it names (pysogs's <c>_own_files</c>): only the poster's own uploads to this room from the
    /// last hour that no post owns and that expire; they then live <see cref="Limits.FileExpirySeconds"/> from now.
    /// Call inside the post's (or edit's) write transaction.
    /// </summary>
    public static async Task<int> OwnAsync(SqliteTransaction transaction, long roomId, long messageId, long userId, IReadOnlyCollection<long> fileIds, double now, CancellationToken cancellationToken)
    {
        var owned = 0;
        foreach (var fileId in fileIds.Distinct().Take(Limits.MaxFilesPerPost))
        {
            await using var own = transaction.Command("""
                UPDATE files SET message = $message, expiry = $expiry
                WHERE id = $id AND room = $room AND uploader = $user AND message IS NULL AND uploaded >= $recent AND expiry IS NOT NULL
                """, ("$message", messageId), ("$expiry", now + Limits.FileExpirySeconds), ("$id", fileId), ("$room", roomId),
                ("$user", userId), ("$recent", now - Limits.UploadLifetimeSeconds));
            owned += await own.ExecuteNonQueryAsync(cancellationToken);
        }
        return owned;
    }

    /// <summary>True when file <paramref name="fileId"/> was uploaded to room <paramref name="roomId"/> (a room image must be).</summary>
    public static async Task<bool> BelongsAsync(SqliteConnection connection, long roomId, long fileId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT 1 FROM files WHERE id = $id AND room = $room", ("$id", fileId), ("$room", roomId));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Expires (at once) every file the user uploaded to the room, except the room's image.</summary>
    public static async Task<int> ExpireUploadsOfAsync(SqliteTransaction transaction, long roomId, long userId, CancellationToken cancellationToken)
    {
        await using var expire = transaction.Command("""
            UPDATE files SET expiry = 0.0
            WHERE room = $room AND uploader = $user AND id IS NOT (SELECT image FROM rooms WHERE id = $room)
            """, ("$room", roomId), ("$user", userId));
        return await expire.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the rows and bytes of files past their expiry; returns how many.</summary>
    public async Task<int> SweepAsync(double now, CancellationToken cancellationToken)
    {
        var paths = await database.WriteAsync(async (_, transaction) =>
        {
            var gone = new List<string>();
            await using var delete = transaction.Command("DELETE FROM files WHERE expiry < $now RETURNING path", ("$now", now));
            await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                gone.Add(reader.GetString(0));
            return gone;
        }, cancellationToken);
        foreach (var path in paths)
        {
            try
            {
                File.Delete(FullPath(path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The row is gone; a file that cannot be removed now is only disk space, not a reachable upload.
            }
        }
        return paths.Count;
    }

    // pysogs: bad characters become '_', a long name keeps its first 40 and last 17 characters around "...".
    private static string DiskName(string? filename)
    {
        if (filename is null)
            return "(unnamed)";
        var name = BadCharacters().Replace(filename, "_");
        return name.Length <= Limits.DiskNameMax ? name : name[..Limits.DiskNameKeepPrefix] + "..." + name[^Limits.DiskNameKeepSuffix..];
    }

    [GeneratedRegex(@"[^\w+\-.'()@\[\]]+")]
    private static partial Regex BadCharacters();
}
