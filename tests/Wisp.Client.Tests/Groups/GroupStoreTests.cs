using Microsoft.Data.Sqlite;
using Wisp.Client.Conversations;
using Wisp.Client.Groups;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Groups;

/// <summary>Migration 7 and the group stores: groups beside 1:1 conversations in one database, secrets encrypted.</summary>
public sealed class GroupStoreTests : IDisposable
{
    private const long Now = 1_750_000_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-groups-").FullName;
    private readonly DataKey _key = DataKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string DatabasePath => Path.Combine(_directory, ClientSchema.FileName);

    [Fact]
    public void A_version_6_database_keeps_its_messages_when_migration_7_widens_the_conversation_kinds()
    {
        // A database as Wisp left it at version 6, with one 1:1 conversation and message (foreign keys on, as Wisp opens it).
        using (var old = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            old.Open();
            Execute(old, "PRAGMA foreign_keys=ON; CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);");
            foreach (var migration in ClientSchema.Migrations.Where(m => m.Version <= 6))
                Execute(old, migration.Sql + $"; INSERT INTO migrations VALUES ({migration.Version}, 'old');");
            Execute(old, "INSERT INTO conversations (id, kind, peer, created) VALUES (1, 'direct', 'peer', 1);"
                + "INSERT INTO messages (id, conversation, direction, sender, body, sent_at) VALUES ('m1', 1, 'in', 'peer', x'00', 1);");
            Assert.Throws<SqliteException>(() => Execute(old, "INSERT INTO conversations (kind, peer, created) VALUES ('group', '03', 1);"));
        }

        using var database = ClientDatabase.Open(DatabasePath);
        Assert.Equal(ClientSchema.CurrentVersion, database.SchemaVersion);
        Assert.Equal(1L, Scalar(database.Connection, "SELECT COUNT(*) FROM messages WHERE id = 'm1'"));
        Execute(database.Connection, "INSERT INTO conversations (kind, peer, created) VALUES ('group', '03ab', 2);");
        Execute(database.Connection, "INSERT INTO messages (id, conversation, direction, sender, body, sent_at, kind) VALUES ('m2', 2, 'in', 'x', x'00', 2, 'group_update');");
        Assert.Throws<SqliteException>(() => Execute(database.Connection, "INSERT INTO conversations (kind, peer, created) VALUES ('channel', 'x', 1);"));
        Assert.Equal("ok", Scalar(database.Connection, "PRAGMA integrity_check"));
    }

    [Fact]
    public void Group_messages_stay_out_of_the_1to1_readers_and_read_back_in_their_group()
    {
        using var database = ClientDatabase.Open(DatabasePath);
        var data = new AccountData(database, _key);
        using var me = Ed25519KeyPair.Generate();
        using var peer = Ed25519KeyPair.Generate();
        var groupId = GroupIds.Of(Ed25519KeyPair.Generate().PublicKey);
        var messages = new GroupMessageStore(data.Local);
        data.Conversations.GetOrCreate(peer.AccountId, ConversationState.Accepted, Now);

        messages.AddOutgoing(groupId, me.AccountId, GroupMessageKind.Text, "to the group", Now + 1, "sent");
        Assert.NotNull(messages.AddIncoming(groupId, "hash-1", peer.AccountId, GroupMessageKind.Update, "bob joined the group", Now + 2, Now + 3, 0));
        Assert.Null(messages.AddIncoming(groupId, "hash-1", peer.AccountId, GroupMessageKind.Update, "bob joined the group", Now + 2, Now + 3, 0));

        Assert.Equal([peer.AccountId], data.Conversations.All().Select(c => c.Peer));
        Assert.Empty(data.Changes.Since(0, 100));
        Assert.Equal(["to the group", "bob joined the group"], messages.History(groupId, 10).Select(m => m.Body));
        Assert.Equal([GroupMessageKind.Text, GroupMessageKind.Update], messages.History(groupId, 10).Select(m => m.Kind));
    }

    [Fact]
    public void A_groups_seed_auth_data_and_keys_are_stored_encrypted_and_read_back()
    {
        using var database = ClientDatabase.Open(DatabasePath);
        var store = new GroupStore(new AccountData(database, _key).Local);
        using var group = Ed25519KeyPair.Generate();
        var groupId = GroupIds.Of(group.PublicKey);
        byte[] key = [.. Enumerable.Repeat((byte)7, 32)];

        store.Upsert(groupId, "Lunch", GroupRole.Admin, group.Seed, [], null, Now);
        store.AddKey(groupId, 0, key, Now);
        store.AddKey(groupId, 1, key.Reverse().ToArray(), Now + 1);

        Assert.Equal(group.Seed.ToArray(), store.AdminSeed(groupId));
        Assert.Null(store.MemberAuth(groupId));
        Assert.Equal([1L, 0L], store.Keys(groupId).Select(k => k.Generation));
        var view = store.Find(groupId)!;
        Assert.Equal(("Lunch", GroupRole.Admin, (long?)1), (view.Name, view.Role, view.KeyGeneration));
        var stored = (byte[])Scalar(database.Connection, "SELECT admin_seed FROM groups")!;
        Assert.False(stored.AsSpan().IndexOf(group.Seed) >= 0);
        Assert.Equal(0L, Scalar(database.Connection, "SELECT COUNT(*) FROM group_keys WHERE instr(key, x'0707070707070707') > 0"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
