using Microsoft.Data.Sqlite;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

/// <summary>Deleted messages leave tombstones that keep replicated copies out until the message would have expired.</summary>
public sealed class TombstoneTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> DeletePaths => ["delete", "delete_all", "delete_all_namespace", "delete_before"];

    [Theory]
    [MemberData(nameof(DeletePaths))]
    public async Task A_deleted_message_is_not_stored_again_by_replication(string path)
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var message = StoreFixture.Message(owner, ns: 3, timestampMs: 1_000);
        await fixture.Store.StoreAsync(message, false, Token);

        var deleted = await DeleteAsync(fixture.Store, path, message);
        var result = await fixture.Store.StoreManyAsync([message], Token);

        Assert.Equal([message.Hash], deleted);
        Assert.Equal(new BulkStoreResult(Stored: 0, AlreadyStored: 0, Full: 0, Deleted: 1), result);
        Assert.Null(await fixture.Store.FindAsync(Key(message), Token));
    }

    [Fact]
    public async Task Only_the_deleted_message_is_refused_and_the_tombstone_survives_a_reopen()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var deleted = StoreFixture.Message(owner);
        var kept = StoreFixture.Message(owner);
        await fixture.Store.StoreAsync(deleted, false, Token);
        await fixture.Store.DeleteAsync(owner, [deleted.Hash], Token);
        await fixture.ReopenAsync();

        var result = await fixture.Store.StoreManyAsync([deleted, kept], Token);

        Assert.Equal(new BulkStoreResult(Stored: 1, AlreadyStored: 0, Full: 0, Deleted: 1), result);
        Assert.Null(await fixture.Store.FindAsync(Key(deleted), Token));
        Assert.NotNull(await fixture.Store.FindAsync(Key(kept), Token));
    }

    [Fact]
    public async Task Expiry_and_namespace_replacement_leave_no_tombstone()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var expiring = StoreFixture.Message(owner, expiryMs: 1_500);
        var replaced = StoreFixture.Message(owner, ns: -1);
        await fixture.Store.StoreAsync(expiring, false, Token);
        await fixture.Store.StoreAsync(replaced, false, Token);
        await fixture.Store.StoreAsync(StoreFixture.Message(owner, ns: -1), replaceNamespace: true, Token);
        await fixture.Store.DeleteExpiredAsync(nowMs: 2_000, Token);

        var result = await fixture.Store.StoreManyAsync([expiring with { ExpiryMs = 5_000 }, replaced], Token);

        Assert.Equal(new BulkStoreResult(Stored: 2, AlreadyStored: 0, Full: 0, Deleted: 0), result);
    }

    [Fact]
    public async Task The_sweep_removes_a_tombstone_once_the_message_would_have_expired()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var message = StoreFixture.Message(owner, expiryMs: 10_000);
        await fixture.Store.StoreAsync(message, false, Token);
        await fixture.Store.DeleteAsync(owner, [message.Hash], Token);

        await fixture.Store.DeleteExpiredAsync(nowMs: 9_999, Token);
        var beforeExpiry = await fixture.Store.StoreManyAsync([message], Token);
        await fixture.Store.DeleteExpiredAsync(nowMs: 10_000, Token);

        Assert.Equal(1, beforeExpiry.Deleted);
        Assert.Equal(0L, await CountTombstonesAsync(fixture));
        // A copy that claims a later expiry is no longer stopped: the tombstone is gone.
        var afterExpiry = await fixture.Store.StoreManyAsync([message with { ExpiryMs = 20_000 }], Token);
        Assert.Equal(1, afterExpiry.Stored);
    }

    [Fact]
    public async Task A_clients_own_store_after_a_delete_is_stored_and_clears_the_tombstone()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var message = StoreFixture.Message(owner);
        await fixture.Store.StoreAsync(message, false, Token);
        await fixture.Store.DeleteAsync(owner, [message.Hash], Token);

        var again = await fixture.Store.StoreAsync(message, false, Token);

        Assert.Equal(StoreOutcome.Stored, again.Outcome);
        Assert.NotNull(await fixture.Store.FindAsync(Key(message), Token));
        Assert.Equal(0L, await CountTombstonesAsync(fixture));
        Assert.Equal(1, (await fixture.Store.StoreManyAsync([message], Token)).AlreadyStored);
    }

    [Fact]
    public async Task A_delete_of_a_hash_not_held_leaves_no_tombstone()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var message = StoreFixture.Message(owner);

        var deleted = await fixture.Store.DeleteAsync(owner, [message.Hash], Token);

        Assert.Empty(deleted);
        Assert.Equal(0L, await CountTombstonesAsync(fixture));
    }

    [Fact]
    public async Task A_database_made_before_tombstones_opens_and_gets_the_table()
    {
        await using var fixture = new StoreFixture();
        var message = StoreFixture.Message(Messages.RandomAccount());
        await fixture.Store.StoreAsync(message, false, Token);
        // Take the database back to its shape before tombstones (the reopen below then runs the schema on it).
        using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE tombstones";
            drop.ExecuteNonQuery();
        }

        await fixture.ReopenAsync();
        await fixture.Store.DeleteAsync(message.Owner, [message.Hash], Token);

        Assert.Equal(1L, await CountTombstonesAsync(fixture));
    }

    private static MessageKey Key(StoredMessage message) => new(message.Owner, message.Namespace, message.Hash);

    private static async Task<IReadOnlyList<string>> DeleteAsync(SqliteMessageStore store, string path, StoredMessage message) => path switch
    {
        "delete" => await store.DeleteAsync(message.Owner, [message.Hash], Token),
        "delete_all" => Hashes(await store.DeleteAllAsync(message.Owner, null, Token)),
        "delete_all_namespace" => Hashes(await store.DeleteAllAsync(message.Owner, message.Namespace, Token)),
        _ => Hashes(await store.DeleteBeforeAsync(message.Owner, null, message.TimestampMs, Token)),
    };

    private static List<string> Hashes(IReadOnlyList<NamespacedHash> deleted) => [.. deleted.Select(d => d.Hash)];

    private static async Task<long> CountTombstonesAsync(StoreFixture fixture)
    {
        // Read after the writer committed; a read-only connection of its own sees the committed WAL.
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM tombstones";
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }
}
