using Microsoft.Data.Sqlite;

namespace Wisp.Community.Storage;

/// <summary>
/// The schema, as numbered steps applied in order at open and recorded in <c>PRAGMA user_version</c>. A shipped
/// step is never edited; a change is a new step. Each step lives in its own file beside the code that uses it.
/// Numbers: 1 the core (<see cref="CoreSchema"/>), 2 moderation, 3 direct messages, 4 room files, 5 scheduled permissions.
/// </summary>
internal static class Migrations
{
    /// <summary>Every step, in order.</summary>
    public static readonly IReadOnlyList<Migration> All =
    [
        CoreSchema.Migration,
        Moderation.ModerationSchema.Migration,
        Dms.DmSchema.Migration,
        Files.FileSchema.Migration,
        Rooms.PermissionSchema.Migration,
    ];

    /// <summary>Applies the steps newer than the database's version, each in its own transaction.</summary>
    public static void Apply(SqliteConnection connection)
    {
        long version;
        using (var read = connection.Command("PRAGMA user_version"))
            version = (long)read.ExecuteScalar()!;
        foreach (var step in All.Where(step => step.Version > version).OrderBy(step => step.Version))
        {
            using var transaction = connection.BeginTransaction();
            using (var command = transaction.Command(step.Sql))
                command.ExecuteNonQuery();
            using (var stamp = transaction.Command($"PRAGMA user_version = {step.Version}"))
                stamp.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}

/// <summary>One schema step: its number and its SQL.</summary>
internal sealed record Migration(int Version, string Sql);
