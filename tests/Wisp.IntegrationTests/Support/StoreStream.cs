using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Network.Swarms;

namespace Wisp.IntegrationTests.Support;

/// <summary>
/// A steady stream of stores for many accounts, from several workers at once, each sent to a random member of the
/// account's swarm as the registry says now. A refused or misdirected store is retried on another member after
/// re-reading the registry, as a client would. Only a 200 counts as acknowledged.
/// </summary>
public sealed class StoreStream(LocalNetworkFixture network, IReadOnlyList<Ed25519KeyPair> accounts, int workers = 4)
{
    private const int AttemptsPerMessage = 8;

    private readonly ConcurrentQueue<AcknowledgedStore> _acknowledged = new();
    private long _unacknowledged;
    private volatile SwarmMap _swarms = network.Registry().Swarms;

    /// <summary>Every store answered 200, in the order answered.</summary>
    public IReadOnlyCollection<AcknowledgedStore> Acknowledged => _acknowledged;

    /// <summary>Messages no member accepted after every attempt (allowed: they were never acknowledged).</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>Accounts whose messages the stream stores.</summary>
    public IReadOnlyList<Ed25519KeyPair> Accounts => accounts;

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(worker, stop), CancellationToken.None)));

    /// <summary>Waits until at least <paramref name="count"/> stores are acknowledged.</summary>
    public Task WaitForAsync(int count) =>
        Wisp.Testing.Eventually.TrueAsync(() => Task.FromResult(_acknowledged.Count >= count), $"{count} stores acknowledged", TimeSpan.FromSeconds(120));

    /// <summary>Acknowledged hashes of each account, by account index.</summary>
    public ILookup<int, string> HashesByAccount() => _acknowledged.ToLookup(a => a.Account, a => a.Hash);

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var random = new Random(worker);
        while (!stop.IsCancellationRequested)
        {
            var index = random.Next(accounts.Count);
            var data = RandomNumberGenerator.GetBytes(200);
            var stored = false;
            for (var attempt = 0; attempt < AttemptsPerMessage && !stop.IsCancellationRequested && !stored; attempt++)
            {
                var members = _swarms.SwarmForAccount(accounts[index].AccountId)!.Members;
                var target = network.NodeByKeyOrNull(members[random.Next(members.Count)]);
                if (target is null)
                {
                    _swarms = network.Registry().Swarms;
                    continue;
                }
                var answer = await network.Client.StoreAsync(target.Url, accounts[index], data, CancellationToken.None);
                if (answer.Status == 200)
                {
                    _acknowledged.Enqueue(new AcknowledgedStore(index, answer.Hash!, SignedResults(answer.SwarmResults)));
                    stored = true;
                }
                else
                {
                    // Misdirected (421), refused or unreachable: the swarms may have changed; look again.
                    _swarms = network.Registry().Swarms;
                }
            }
            if (!stored)
                Interlocked.Increment(ref _unacknowledged);
        }
    }

    private static int SignedResults(IReadOnlyDictionary<string, JsonElement> results) =>
        results.Values.Count(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("signature", out _) && r.TryGetProperty("hash", out _));
}

/// <summary>One acknowledged store: the account (index into the stream's accounts), the message hash, and how many nodes signed it.</summary>
public sealed record AcknowledgedStore(int Account, string Hash, int SignedResults);
