using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Bench.Messaging;

/// <summary>
/// One account of the messaging bench, as the CLI would run it: a profile without a passphrase (no KDF to wait for),
/// its own registry follower, swarm client (onion paths, guards in memory) and front door (WispClient). Disposed together.
/// </summary>
internal sealed class BenchAccount : IAsyncDisposable
{
    private readonly FileRegistry _registry;
    private readonly SwarmClient _client;

    private BenchAccount(FileRegistry registry, SwarmClient client, OpenAccount account, ObservedSwarm swarm)
    {
        _registry = registry;
        _client = client;
        Account = account;
        Swarm = swarm;
        Wisp = WispClient.Over(account, TimeProvider.System);
        Wisp.Connect(swarm);
    }

    public OpenAccount Account { get; }

    /// <summary>The account's client (it owns the account).</summary>
    public WispClient Wisp { get; }

    /// <summary>The swarm its messaging uses, with its retrieves counted.</summary>
    public ObservedSwarm Swarm { get; }

    /// <summary>The swarm client, for the bench's direct onion requests (the floor).</summary>
    public SwarmClient Client => _client;

    /// <summary>
    /// A new profile <paramref name="name"/> in <paramref name="home"/> on the network in <paramref name="networkFolder"/>;
    /// with <paramref name="canWait"/> false its poller only polls at intervals.
    /// </summary>
    public static BenchAccount Create(string home, string networkFolder, string name, bool canWait)
    {
        if (!LocalNetwork.TryLoad(networkFolder, out var network, out var problem))
            throw new InvalidOperationException(problem);
        var created = AccountVault.Create(WispHome.At(home), ProfileName.Parse(name), passphrase: null);
        if (!created.TryGet(out var account, out var error))
            throw new InvalidOperationException($"profile {name}: {error.Message}");
        var registry = FileRegistry.Open(new FileRegistryOptions { Path = network.RegistryPath, RegistryKey = network.RegistryKey }, TimeProvider.System).Value
            ?? throw new InvalidOperationException("the network's registry could not be opened");
        var client = SwarmClient.Create(registry, stateDirectory: null, TimeProvider.System);
        IMessageSwarm swarm = new SwarmClientMessageSwarm(client);
        if (!canWait)
            swarm = new PollingOnlySwarm(swarm);
        return new BenchAccount(registry, client, account.Account, new ObservedSwarm(swarm));
    }

    /// <summary>Starts the outbox and the poller.</summary>
    public void Start()
    {
        Wisp.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await Wisp.DisposeAsync();
        _client.Dispose();
        _registry.Dispose();
    }
}
