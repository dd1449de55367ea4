using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.IntegrationTests.Support;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Devices;

/// <summary>The network the device tests share: <c>wisp up</c> with 6 node processes.</summary>
public sealed class DeviceNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 6;
}

/// <summary>Profiles for the device tests: new accounts, and second devices restored from their phrases.</summary>
internal sealed class DeviceProfiles(DeviceNetwork network) : IAsyncDisposable
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

    /// <summary>A new account (a device that founds its group), connected; and its recovery phrase.</summary>
    public (WispClient Client, string Phrase) Create(string profile, int seed)
    {
        var created = AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(profile), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        return (Connect(account.Account, seed), account.RecoveryPhrase);
    }

    /// <summary>The same account restored from <paramref name="phrase"/> into another profile (a second device), connected.</summary>
    public WispClient Restore(string profile, string phrase, int seed)
    {
        var restored = AccountVault.Restore(WispHome.At(_home.Path), ProfileName.Parse(profile), phrase, passphrase: null);
        Assert.True(restored.TryGet(out var account, out var error), error?.Message);
        return Connect(account.Account, seed);
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

    private WispClient Connect(OpenAccount account, int seed)
    {
        var client = WispClient.Over(account, TimeProvider.System);
        client.Connect(new SwarmClientMessageSwarm(Swarm(seed)));
        _clients.Add(client);
        return client;
    }
}
