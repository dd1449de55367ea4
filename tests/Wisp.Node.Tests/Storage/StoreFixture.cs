using Microsoft.Extensions.Logging.Abstractions;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

/// <summary>A fresh SQLite store in a temp directory, for tests of the store alone.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreFixture(long storageCapBytes = 1_000_000_000)
    {
        Directory.CreateDirectory(_directory.Path);
        CapBytes = storageCapBytes;
        Store = Open();
    }

    public long CapBytes { get; }
    public SqliteMessageStore Store { get; private set; }
    public string DatabasePath => Path.Combine(_directory.Path, "messages.db");

    public SqliteMessageStore Open() => SqliteMessageStore.Open(
        new MessageStoreOptions { DatabasePath = DatabasePath, StorageCapBytes = CapBytes }, NullLogger<SqliteMessageStore>.Instance);

    /// <summary>Closes the store and opens it again from disk.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
    }

    public static StoredMessage Message(string owner, int ns = 0, int size = 10, long timestampMs = 1_000, long expiryMs = 1_000_000) =>
        new(owner, ns, Messages.RandomHash(), new byte[size], timestampMs, expiryMs);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}
