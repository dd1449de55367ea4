using Microsoft.Data.Sqlite;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

/// <summary>The owner's store signature is kept with a message; a database made before that gains the column and keeps its rows.</summary>
public sealed class OwnerSignatureColumnTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stored_owner_signature_is_read_back_by_find_page_and_id()
    {
        await using var fixture = new StoreFixture();
        var message = StoreFixture.Message(Messages.RandomAccount(), ns: 2, expiryMs: long.MaxValue) with { OwnerSignature = "{\"x\":1}"u8.ToArray() };
        await fixture.Store.StoreAsync(message, replaceNamespace: false, Token);

        var found = await fixture.Store.FindAsync(new MessageKey(message.Owner, 2, message.Hash), Token);
        var page = await fixture.Store.ReadPageAsync(0, 10, long.MaxValue, _ => true, 0, includeData: true, Token);
        var byId = await fixture.Store.ReadByIdsAsync([page.Messages[0].Id], 0, Token);

        Assert.Equal(message.OwnerSignature, found!.OwnerSignature);
        Assert.Equal(message.OwnerSignature, page.Messages[0].Message.OwnerSignature);
        Assert.Equal(message.OwnerSignature, byId[0].Message.OwnerSignature);
    }

    [Fact]
    public async Task A_database_without_the_column_gains_it_and_keeps_its_messages()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "messages.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT NOT NULL, namespace INTEGER NOT NULL,
                    hash TEXT NOT NULL, data BLOB NOT NULL, timestamp INTEGER NOT NULL, expiry INTEGER NOT NULL);
                INSERT INTO messages (owner, namespace, hash, data, timestamp, expiry) VALUES ('05aa', 2, 'h', x'01', 1, 9223372036854775807);
                """;
            create.ExecuteNonQuery();
        }

        await using var store = SqliteMessageStore.Open(new MessageStoreOptions { DatabasePath = path, StorageCapBytes = 1_000_000_000 },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteMessageStore>.Instance);
        var kept = await store.FindAsync(new MessageKey("05aa", 2, "h"), Token);

        Assert.NotNull(kept);
        Assert.Null(kept.OwnerSignature);
    }
}
