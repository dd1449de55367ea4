using Wisp.Crypto.Keys;

namespace Wisp.Bench.Storage;

/// <summary>
/// The retrieve phase's accounts, each filled with 20 messages of 300 bytes (about 10 KB per answer), and their
/// signed retrieve bodies, sent round-robin. The bodies are signed just before the phase: a signature is good for ±60 s.
/// </summary>
internal sealed class RetrieveAccounts : IDisposable
{
    public const int MessagesPerAccount = 20;

    private readonly Ed25519KeyPair[] _accounts;
    private byte[][] _bodies = [];
    private int _next = -1;

    private RetrieveAccounts(Ed25519KeyPair[] accounts) => _accounts = accounts;

    /// <summary>Makes <paramref name="count"/> accounts and stores 20 messages in each, 16 stores at a time; every store must answer 200.</summary>
    public static async Task<RetrieveAccounts> FillAsync(HttpClient client, Uri rpc, int count, int connections, CancellationToken cancellationToken)
    {
        var accounts = Enumerable.Range(0, count).Select(_ => Ed25519KeyPair.Generate()).ToArray();
        var stores = accounts.SelectMany(account => Enumerable.Range(0, MessagesPerAccount).Select(_ => account)).ToArray();
        await Parallel.ForEachAsync(stores, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken },
            async (account, token) =>
            {
                var data = new byte[RequestBodies.StoreDataBytes];
                Random.Shared.NextBytes(data);
                var body = RequestBodies.Store(account.AccountId.Hex, data, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                var (status, _) = await LoadGenerator.PostAsync(client, rpc, body, token);
                StorageChecks.Require(status == 200, $"a store while filling the retrieve accounts answered {status}");
            });
        var filled = new RetrieveAccounts(accounts);
        var messages = await StorageChecks.RetrieveAsync(client, rpc, accounts[0], cancellationToken);
        StorageChecks.Require(messages.Count == MessagesPerAccount && messages.All(m => m.Data.Length == RequestBodies.StoreDataBytes),
            $"a filled account returns {messages.Count} messages, not {MessagesPerAccount} of {RequestBodies.StoreDataBytes} bytes");
        return filled;
    }

    /// <summary>Signs every account's retrieve body with the current time.</summary>
    public void SignNow()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _bodies = _accounts.Select(account => RequestBodies.SignedRetrieve(account, now)).ToArray();
    }

    /// <summary>The next body, round-robin (thread-safe).</summary>
    public byte[] Next() => _bodies[(int)((uint)Interlocked.Increment(ref _next) % (uint)_bodies.Length)];

    public void Dispose()
    {
        foreach (var account in _accounts) account.Dispose();
    }
}
