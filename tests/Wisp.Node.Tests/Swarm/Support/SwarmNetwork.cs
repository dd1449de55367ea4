using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Network.Swarms;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm.Support;

/// <summary>
/// Real nodes in this process over HTTPS, following a real signed registry file that this class writes as the
/// network's authority: start nodes, join and remove them, restart them (the registry learns the new port).
/// </summary>
public sealed class SwarmNetwork : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Ed25519KeyPair _registryKey = Ed25519KeyPair.Generate();
    private readonly List<TestNode> _nodes = [];

    public SwarmNetwork()
    {
        Directory.CreateDirectory(_directory.Path);
        RegistryPath = Path.Combine(_directory.Path, "registry.json");
        Authority = RegistryAuthority.OpenOrCreate(RegistryPath, _registryKey, TimeProvider.System).GetValueOrThrow();
    }

    public string RegistryPath { get; }
    public RegistryAuthority Authority { get; }

    /// <summary>The running nodes (a stopped node is removed until restarted).</summary>
    public IReadOnlyList<TestNode> Nodes => _nodes;

    public static async Task<SwarmNetwork> StartAsync(int nodes)
    {
        var network = new SwarmNetwork();
        for (var i = 0; i < nodes; i++)
            await network.AddNodeAsync();
        await network.SettleAsync();
        return network;
    }

    /// <summary>Options every node of the network runs with: this registry, catch-up every 200 ms, peer tests only when asked.</summary>
    public Func<Wisp.Node.Hosting.NodeOptions, Wisp.Node.Hosting.NodeOptions> Options => options => options with
    {
        RegistryPath = RegistryPath,
        RegistryKeyHex = _registryKey.PublicKey.ToHex(),
        CatchUpInterval = TimeSpan.FromMilliseconds(200),
        PeerTestInterval = TimeSpan.FromDays(1),
    };

    /// <summary>Starts a node and joins it to the registry; <paramref name="options"/> may change the network's options further.</summary>
    public async Task<TestNode> AddNodeAsync(
        Func<Wisp.Node.Hosting.NodeOptions, Wisp.Node.Hosting.NodeOptions>? options = null,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var node = await TestNode.StartAsync(o => options is null ? Options(o) : options(Options(o)), configure);
        _nodes.Add(node);
        Authority.Join(NodeJoin.For(KeyOf(node), "127.0.0.1", node.Port, "0.1.0")).GetValueOrThrow();
        return node;
    }

    /// <summary>Removes a node from the registry (it keeps running until disposed).</summary>
    public void Leave(TestNode node) => Authority.Leave(KeyOf(node)).GetValueOrThrow();

    /// <summary>Stops a node; its data directory stays for <see cref="RestartAsync"/>.</summary>
    public async Task<string> StopAsync(TestNode node)
    {
        _nodes.Remove(node);
        var directory = node.DataDirectory;
        await node.Host.StopAsync();
        return directory;
    }

    /// <summary>Restarts the node of <paramref name="dataDirectory"/> (same key and database) and records its new port.</summary>
    public async Task<TestNode> RestartAsync(TestNode stopped)
    {
        var node = await stopped.RestartAsync(Options);
        _nodes.Add(node);
        Authority.UpdateAddress(new NodeAddressUpdate(KeyOf(node), "127.0.0.1", node.Port, "0.1.0")).GetValueOrThrow();
        return node;
    }

    /// <summary>Waits until every running node follows the authority's latest version.</summary>
    public Task SettleAsync() => Eventually.TrueAsync(async () =>
    {
        foreach (var node in _nodes)
        {
            var registry = RegistryOf(node);
            await registry.RefreshAsync(TestContext.Current.CancellationToken);
            if (registry.Current.Version != Authority.Current.Version) return false;
        }
        return true;
    }, "every node follows the newest registry version");

    public SwarmMap Swarms => Authority.Current.Swarms;

    public static Ed25519PublicKey KeyOf(TestNode node) => node.Host.Identity.Keys.PublicKey;

    public static INodeRegistry RegistryOf(TestNode node) => node.Host.Services.GetRequiredService<INodeRegistry>();

    /// <summary>The running nodes of the swarm that stores <paramref name="account"/>.</summary>
    public IReadOnlyList<TestNode> SwarmOf(Ed25519KeyPair account)
    {
        var swarm = Swarms.SwarmForPrefixedKey(account.AccountId.Bytes)!;
        return _nodes.Where(n => swarm.Contains(KeyOf(n))).ToList();
    }

    /// <summary>A running node of another swarm than <paramref name="account"/>'s.</summary>
    public TestNode OutsideSwarmOf(Ed25519KeyPair account)
    {
        var swarm = Swarms.SwarmForPrefixedKey(account.AccountId.Bytes)!;
        return _nodes.First(n => !swarm.Contains(KeyOf(n)));
    }

    /// <summary>True when <paramref name="node"/> holds <paramref name="hash"/> of <paramref name="account"/> in namespace <paramref name="ns"/>.</summary>
    public static async Task<bool> HoldsAsync(TestNode node, Ed25519KeyPair account, int ns, string hash) =>
        await node.Store.FindAsync(new MessageKey(account.AccountId.Hex, ns, hash), TestContext.Current.CancellationToken) is not null;

    /// <summary>Stores a signed message through <paramref name="entry"/>; returns the status and JSON body.</summary>
    public static async Task<(int Status, JsonObject Body)> StoreAsync(TestNode entry, Ed25519KeyPair account, byte[] data, int ns = 0)
    {
        var parameters = SignedRequests.Store(account, ns, data, Messages.NowMs(), 3_600_000, signed: true);
        using var response = await entry.PostRpcAsync("store", parameters.ToJsonString(), TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        return ((int)response.StatusCode, body);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        _directory.Dispose();
    }
}
