using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Support;

/// <summary>
/// Profiles in a temporary Wisp home on a test network: new accounts, accounts restored from their phrases, swarm
/// clients for reading stored bytes, and <c>wisp</c> processes on the same home. Everything is closed at the end.
/// </summary>
internal sealed class TestProfiles(LocalNetworkFixture network) : IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<IDisposable> _owned = [];
    private readonly List<WispClient> _clients = [];

    /// <summary>The Wisp home the profiles live in.</summary>
    public string Home => _home.Path;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        foreach (var owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        _home.Dispose();
    }

    /// <summary>A new account, connected through a swarm client seeded with <paramref name="seed"/>; and its recovery phrase.</summary>
    public (WispClient Client, string Phrase) Create(string profile, int seed)
    {
        var created = AccountVault.Create(WispHome.At(Home), ProfileName.Parse(profile), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        return (Connect(account.Account, seed), account.RecoveryPhrase);
    }

    /// <summary>A new account, connected through a swarm client seeded with <paramref name="seed"/>.</summary>
    public WispClient Open(string profile, int seed) => Create(profile, seed).Client;

    /// <summary>The same account restored from <paramref name="phrase"/> into another profile (a second device), connected.</summary>
    public WispClient Restore(string profile, string phrase, int seed)
    {
        var restored = AccountVault.Restore(WispHome.At(Home), ProfileName.Parse(profile), phrase, passphrase: null);
        Assert.True(restored.TryGet(out var account, out var error), error?.Message);
        return Connect(account.Account, seed);
    }

    /// <summary>A new account, closed again at once (it is offline until it is opened).</summary>
    public AccountId CreateOffline(string profile)
    {
        var created = AccountVault.Create(WispHome.At(Home), ProfileName.Parse(profile), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        var id = account.Account.AccountId;
        account.Account.Dispose();
        return id;
    }

    /// <summary>An existing profile, opened and connected through a swarm client seeded with <paramref name="seed"/>.</summary>
    public WispClient Reopen(string profile, int seed) => Connect(OpenAccount(profile), seed);

    /// <summary>An existing profile, opened and connected as <c>wisp</c> connects (<see cref="WispClient.ConnectLocalNetwork"/>); and its keys.</summary>
    public (WispClient Client, Ed25519KeyPair Keys) OpenLocal(string profile)
    {
        var account = OpenAccount(profile);
        var client = WispClient.Over(account, TimeProvider.System);
        _clients.Add(client);
        Assert.True(client.ConnectLocalNetwork(network.Folder, out var problem), problem);
        return (client, account.Keys);
    }

    /// <summary>A swarm client on the network, for reading stored bytes.</summary>
    public SwarmClient Swarm(int seed)
    {
        Assert.True(LocalNetwork.TryLoad(network.Folder, out var local, out var problem), problem);
        var registry = FileRegistry.Open(new FileRegistryOptions { Path = local.RegistryPath, RegistryKey = local.RegistryKey }, TimeProvider.System).Value!;
        _owned.Add(registry);
        var client = SwarmClient.Create(registry, stateDirectory: null, TimeProvider.System, new Random(seed));
        _owned.Add(client);
        return client;
    }

    /// <summary><paramref name="args"/> for a <c>wisp</c> process on this home and network.</summary>
    public string[] Args(params string[] args) => [.. args, "--home", Home, "--network", network.Folder];

    /// <summary><paramref name="args"/> for a <c>wisp</c> process on this home only (no network).</summary>
    public string[] Offline(params string[] args) => [.. args, "--home", Home];

    /// <summary>The messages of <c>wisp history PEER --profile PROFILE --json</c>, run as its own process.</summary>
    public async Task<List<JsonElement>> HistoryJsonAsync(string profile, AccountId peer)
    {
        var (code, stdout, stderr) = await WispProcess.RunAsync(Offline("history", peer.Hex, "--profile", profile, "--json"));
        Assert.True(code == 0, stderr);
        return [.. JsonDocument.Parse(stdout).RootElement.GetProperty("messages").EnumerateArray().Select(m => m.Clone())];
    }

    private OpenAccount OpenAccount(string profile)
    {
        Assert.True(AccountVault.Open(WispHome.At(Home), ProfileName.Parse(profile), null).TryGet(out var account, out var error), error?.Message);
        return account;
    }

    private WispClient Connect(OpenAccount account, int seed)
    {
        var client = WispClient.Over(account, TimeProvider.System);
        client.Connect(new SwarmClientMessageSwarm(Swarm(seed)));
        _clients.Add(client);
        return client;
    }
}
