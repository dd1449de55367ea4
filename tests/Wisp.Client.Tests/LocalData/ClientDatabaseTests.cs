using Microsoft.Data.Sqlite;
using Wisp.Client.LocalData;

namespace Wisp.Client.Tests.LocalData;

public sealed class ClientDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-client-db-").FullName;

    private string DatabasePath => Path.Combine(_directory, "client.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ANewDatabaseIsMigratedToTheCurrentVersionInWalMode()
    {
        using var database = ClientDatabase.Open(DatabasePath);

        Assert.Equal(ClientSchema.CurrentVersion, database.SchemaVersion);
        Assert.Equal("wal", Scalar(database.Connection, "PRAGMA journal_mode;"));
        Assert.Equal(ClientSchema.Migrations.Select(m => (long)m.Version), Column<long>(database.Connection, "SELECT version FROM migrations ORDER BY version;"));
    }

    [Fact]
    public void TheTablesTheMessagingWorkNeedsExist()
    {
        using var database = ClientDatabase.Open(DatabasePath);

        Assert.Equal(["account_id", "nickname", "approved", "blocked", "created"], Columns(database, "contacts"));
        Assert.Equal(["id", "kind", "peer", "created", "state", "disappear_seconds", "read_receipts", "typing_indicators"], Columns(database, "conversations"));
        Assert.Equal(
            ["id", "conversation", "direction", "sender", "body", "sent_at", "received_at", "status", "failure_reason", "server_hash", "expires_at",
             "kind", "attempts", "next_attempt_at", "payload", "read_at", "deadline_at", "change", "inserted_change",
             "quote_id", "quote_author", "quote_text", "deleted_at", "edit_change", "sealing"],
            Columns(database, "messages"));
        Assert.Equal(["node", "namespace", "last_hash"], Columns(database, "poll_state"));
        Assert.Equal(["hash", "expires_at"], Columns(database, "seen_hashes"));
        Assert.Equal(["hash", "added"], Columns(database, "swarm_deletes"));
        Assert.Equal(["id", "value"], Columns(database, "change_counter"));
        Assert.Equal(["account_id", "display_name", "updated"], Columns(database, "profile_names"));
        Assert.Equal(["message", "author", "emoji", "at"], Columns(database, "reactions"));
    }

    [Fact]
    public void ReopeningDoesNotMigrateTwice()
    {
        ClientDatabase.Open(DatabasePath).Dispose();
        using var database = ClientDatabase.Open(DatabasePath);

        Assert.Equal(ClientSchema.Migrations.Count, Convert.ToInt32(Scalar(database.Connection, "SELECT COUNT(*) FROM migrations;")));
    }

    [Fact]
    public void ADatabaseFromANewerWispIsRefused()
    {
        using (var database = ClientDatabase.Open(DatabasePath))
            Execute(database.Connection, $"INSERT INTO migrations (version, name) VALUES ({ClientSchema.CurrentVersion + 1}, 'future');");

        var exception = Assert.Throws<ClientDatabaseException>(() => ClientDatabase.Open(DatabasePath));
        Assert.Contains("newer than this Wisp knows", exception.Message);
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsRefused()
    {
        File.WriteAllText(DatabasePath, new string('x', 4096));

        var exception = Assert.Throws<ClientDatabaseException>(() => ClientDatabase.Open(DatabasePath));
        Assert.Contains("not a readable Wisp database", exception.Message);
    }

    [Fact]
    public void AMessageHasAStatusExactlyWhenItIsOutgoing()
    {
        using var database = ClientDatabase.Open(DatabasePath);
        Execute(database.Connection, "INSERT INTO conversations (id, kind, peer, created) VALUES (1, 'direct', '05ab', 0);");
        const string insert = "INSERT INTO messages (id, conversation, direction, sender, body, sent_at, status) VALUES ";

        Execute(database.Connection, insert + "('a', 1, 'out', '05aa', x'00', 1, 'pending');");
        Execute(database.Connection, insert + "('b', 1, 'in', '05ab', x'00', 1, NULL);");
        Assert.Throws<SqliteException>(() => Execute(database.Connection, insert + "('c', 1, 'in', '05ab', x'00', 1, 'sent');"));
        Assert.Throws<SqliteException>(() => Execute(database.Connection, insert + "('d', 1, 'out', '05aa', x'00', 1, NULL);"));
        Assert.Throws<SqliteException>(() => Execute(database.Connection, insert + "('e', 1, 'out', '05aa', x'00', 1, 'lost');"));
        Assert.Throws<SqliteException>(() => Execute(database.Connection, insert + "('f', 2, 'out', '05aa', x'00', 1, 'sent');")); // no conversation 2
    }

    [Fact]
    public void AServerHashIsStoredOnce()
    {
        using var database = ClientDatabase.Open(DatabasePath);
        Execute(database.Connection, "INSERT INTO conversations (id, kind, peer, created) VALUES (1, 'direct', '05ab', 0);");
        const string insert = "INSERT INTO messages (id, conversation, direction, sender, body, sent_at, server_hash) VALUES ";

        Execute(database.Connection, insert + "('a', 1, 'in', '05ab', x'00', 1, 'h1');");
        Assert.Throws<SqliteException>(() => Execute(database.Connection, insert + "('b', 1, 'in', '05ab', x'00', 1, 'h1');"));
    }

    private static List<string> Columns(ClientDatabase database, string table) =>
        Column<string>(database.Connection, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid;");

    private static List<T> Column<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
