using Microsoft.Data.Sqlite;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

/// <summary>
/// No request holds the single writer for long: a delete, expire or delete_all over thousands of messages runs in
/// bounded pieces, so a store submitted while it runs commits before it ends. A trigger the test adds records, inside
/// the store's own transaction, how much of the large write was done when the store committed: an order, never a
/// duration. Each operation still leaves the store as one long transaction would have.
/// </summary>
public sealed class BoundedWriteTests
{
    // Many times the rows one piece may touch, so the large operation needs many turns of the writer.
    private const int Large = 5_000;
    private const long Expiry = 1_000_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public enum LargeWrite { Delete, DeleteAll, DeleteBefore, Expire, ExpireAll }

    [Theory]
    [InlineData(LargeWrite.Delete)]
    [InlineData(LargeWrite.DeleteAll)]
    [InlineData(LargeWrite.DeleteBefore)]
    [InlineData(LargeWrite.Expire)]
    [InlineData(LargeWrite.ExpireAll)]
    public async Task A_store_submitted_while_a_large_write_runs_commits_before_it_finishes(LargeWrite write)
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var seeded = Enumerable.Range(0, Large).Select(_ => StoreFixture.Message(owner, expiryMs: Expiry)).ToList();
        Assert.Equal(Large, (await fixture.Store.StoreManyAsync(seeded, Token)).Stored);
        var hashes = seeded.Select(m => m.Hash).ToList();

        // The same owner: the large write started first, so it must leave this message alone.
        var fresh = StoreFixture.Message(owner, timestampMs: 500, expiryMs: Expiry);
        AddProbe(fixture.DatabasePath, fresh.Hash);

        var large = Start(fixture.Store, write, owner, hashes);
        var stored = await fixture.Store.StoreAsync(fresh, replaceNamespace: false, Token);

        Assert.Equal(StoreOutcome.Stored, stored.Outcome);
        Assert.Equal(Large, await CountAsync(large));
        Assert.InRange(ProbeReading(fixture.DatabasePath), 1, Large - 1);
        var expiries = await fixture.Store.GetExpiriesAsync(owner, [.. hashes, fresh.Hash], Token);
        Assert.Equal(Expiry, expiries[fresh.Hash]);
        if (write is LargeWrite.Expire or LargeWrite.ExpireAll)
            Assert.All(hashes, hash => Assert.Equal(Expiry / 2, expiries[hash]));
        else
            Assert.Equal([fresh.Hash], expiries.Keys);
    }

    /// <summary>Starts <paramref name="write"/> over every seeded message: the store's own task, unwrapped, so its completion is exact.</summary>
    private static Task Start(SqliteMessageStore store, LargeWrite write, string owner, List<string> hashes) => write switch
    {
        LargeWrite.Delete => store.DeleteAsync(owner, hashes, Token),
        LargeWrite.DeleteAll => store.DeleteAllAsync(owner, null, Token),
        LargeWrite.DeleteBefore => store.DeleteBeforeAsync(owner, 0, 1_000, Token),
        LargeWrite.Expire => store.ExpireAsync(owner, [.. hashes.Select(h => new ExpiryTarget(h, Expiry / 2))], ExpireMode.ShortenOnly, Token),
        _ => store.ExpireAllAsync(owner, 0, Expiry / 2, Token),
    };

    /// <summary>How many messages the finished write changed.</summary>
    private static async Task<int> CountAsync(Task write) => write switch
    {
        Task<IReadOnlyList<string>> deleted => (await deleted).Count,
        Task<IReadOnlyList<NamespacedHash>> changed => (await changed).Count,
        Task<IReadOnlyDictionary<string, ExpiryChange>> expired => (await expired).Count,
        _ => throw new ArgumentException("an unknown write", nameof(write)),
    };

    /// <summary>
    /// A trigger that, when <paramref name="hash"/> is inserted, records in the same transaction how many of its
    /// owner's other messages the large write has not touched yet (still at <see cref="Expiry"/>).
    /// </summary>
    private static void AddProbe(string databasePath, string hash)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE probe (untouched INTEGER NOT NULL);
            CREATE TRIGGER probe_at_insert AFTER INSERT ON messages WHEN NEW.hash = '{hash}' BEGIN
                INSERT INTO probe SELECT count(*) FROM messages WHERE owner = NEW.owner AND hash <> NEW.hash AND expiry = {Expiry};
            END;
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>What the probe recorded: how much of the large write was still to do when the store committed.</summary>
    private static long ProbeReading(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT untouched FROM probe";
        return (long)command.ExecuteScalar()!;
    }
}
