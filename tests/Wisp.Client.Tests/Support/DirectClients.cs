using Wisp.Client.Account;
using Wisp.Client.Tests.Direct;
using Wisp.Client.Tests.Polling;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Support;

/// <summary>
/// Clients for direct-mode tests: accounts in a home of their own on one swarm in memory, direct sessions in memory
/// (<see cref="InMemoryDirectNetwork"/>), direct mode agreed both ways through the swarm, endpoints started and a
/// session made on request. Everything is closed at the end.
/// </summary>
internal sealed class DirectClients : IAsyncDisposable
{
    /// <summary>The swarm's clock at the start (ms).</summary>
    public const long Start = 1_750_000_000_000;

    private readonly List<WispClient> _clients = [];
    private readonly Dictionary<string, byte[]> _seeds = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The home the profiles live in.</summary>
    public TempHome Home { get; } = new();

    /// <summary>The swarm every client is connected to.</summary>
    public InMemorySwarm Swarm { get; } = new(Start);

    /// <summary>The direct sessions' network.</summary>
    public InMemoryDirectNetwork Network { get; } = new();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        Home.Dispose();
    }

    /// <summary>A new account, connected to the swarm (direct mode not on).</summary>
    public WispClient Create(string name)
    {
        Assert.True(AccountVault.Create(Home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        _seeds[name] = created.Account.Keys.Seed.ToArray();
        var client = WispClient.Over(created.Account, TimeProvider.System);
        client.Connect(Swarm);
        _clients.Add(client);
        return client;
    }

    /// <summary>The account keys of <paramref name="client"/> (the caller disposes them).</summary>
    public Ed25519KeyPair KeysOf(WispClient client) => Ed25519KeyPair.FromSeed(_seeds[client.Profile.Value]);

    /// <summary>Two new accounts with direct mode agreed both ways (endpoints not started).</summary>
    public async Task<(WispClient Alice, WispClient Bob)> AgreedAsync(string alice = "alice", string bob = "bob")
    {
        var pair = (Create(alice), Create(bob));
        await AgreeAsync(pair.Item1, pair.Item2);
        return pair;
    }

    /// <summary>Direct mode turned on by <paramref name="alice"/>, then by <paramref name="bob"/>; bob accepts alice's conversation.</summary>
    public static async Task AgreeAsync(WispClient alice, WispClient bob)
    {
        Assert.Null(await alice.Direct.SetAsync(bob.AccountId, on: true, Token));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Null(await bob.Direct.SetAsync(alice.AccountId, on: true, Token));
        await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        bob.Conversations.Accept(alice.AccountId);
    }

    /// <summary>Starts an in-memory endpoint on each client.</summary>
    public async Task StartAsync(params WispClient[] clients)
    {
        foreach (var client in clients)
            await client.Direct.StartAsync(Network.Endpoint(), Token);
    }

    /// <summary>Two accounts in direct mode, both listening, and a live session from alice to bob.</summary>
    public async Task<(WispClient Alice, WispClient Bob)> PairAsync(string alice = "alice", string bob = "bob")
    {
        var pair = await AgreedAsync(alice, bob);
        await StartAsync(pair.Alice, pair.Bob);
        Assert.NotNull(await pair.Alice.Direct.Sessions!.EnsureAsync(pair.Bob.AccountId, Token));
        return pair;
    }
}
