using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.IntegrationTests.Support;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Groups;

/// <summary>The network the group tests share: <c>wisp up</c> with 10 node processes.</summary>
public sealed class GroupNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 10;
}

/// <summary>Accounts for the group tests: each its own profile, client and swarm client, closed at the end.</summary>
internal sealed class GroupAccounts(GroupNetwork network) : IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<IDisposable> _owned = [];
    private readonly List<WispClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        foreach (var owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        _home.Dispose();
    }

    /// <summary>A swarm client on the network.</summary>
    public SwarmClient Swarm(int seed)
    {
        Assert.True(LocalNetwork.TryLoad(network.Folder, out var local, out var problem), problem);
        var registry = FileRegistry.Open(new FileRegistryOptions { Path = local.RegistryPath, RegistryKey = local.RegistryKey }, TimeProvider.System).Value!;
        _owned.Add(registry);
        var client = SwarmClient.Create(registry, stateDirectory: null, TimeProvider.System, new Random(seed));
        _owned.Add(client);
        return client;
    }

    /// <summary>A new account, connected.</summary>
    public WispClient Open(string name, int seed)
    {
        var created = AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        return Connect(account.Account, seed);
    }

    /// <summary>A new account, closed again at once (it is offline until <see cref="Reopen"/>).</summary>
    public Crypto.Keys.AccountId CreateOffline(string name)
    {
        var created = AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        var id = account.Account.AccountId;
        account.Account.Dispose();
        return id;
    }

    /// <summary>An existing profile, opened and connected.</summary>
    public WispClient Reopen(string name, int seed)
    {
        Assert.True(AccountVault.Open(WispHome.At(_home.Path), ProfileName.Parse(name), null).TryGet(out var account, out var error), error?.Message);
        return Connect(account, seed);
    }

    private WispClient Connect(OpenAccount account, int seed)
    {
        var client = WispClient.Over(account, TimeProvider.System);
        client.Connect(new SwarmClientMessageSwarm(Swarm(seed)));
        _clients.Add(client);
        return client;
    }
}
