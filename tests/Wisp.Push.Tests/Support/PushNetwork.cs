using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Push.Watch;
using Wisp.Testing;

namespace Wisp.Push.Tests.Support;

/// <summary>
/// Real nodes in this process over HTTPS following a signed registry file that this class writes as the network's
/// authority, and a push server watching the same registry.
/// </summary>
internal sealed class PushNetwork : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Ed25519KeyPair _registryKey = Ed25519KeyPair.Generate();
    private readonly List<TestNode> _nodes = [];

    private PushNetwork()
    {
        Directory.CreateDirectory(_directory.Path);
        RegistryPath = Path.Combine(_directory.Path, "registry.json");
        Authority = RegistryAuthority.OpenOrCreate(RegistryPath, _registryKey, TimeProvider.System).GetValueOrThrow();
    }

    public string RegistryPath { get; }

    public RegistryAuthority Authority { get; }

    public IReadOnlyList<TestNode> Nodes => _nodes;

    public string RegistryKeyHex => _registryKey.PublicKey.ToHex();

    public static async Task<PushNetwork> StartAsync(int nodes)
    {
        var network = new PushNetwork();
        for (var i = 0; i < nodes; i++) await network.AddNodeAsync();
        await network.SettleAsync();
        return network;
    }

    /// <summary>Waits until every running node follows the authority's latest registry version.</summary>
    public Task SettleAsync() => Eventually.TrueAsync(async () =>
    {
        foreach (var node in _nodes)
        {
            var registry = node.Host.Services.GetRequiredService<INodeRegistry>();
            await registry.RefreshAsync(TestContext.Current.CancellationToken);
            if (registry.Current.Version != Authority.Current.Version) return false;
        }
        return true;
    }, "every node follows the newest registry version");

    /// <summary>Starts a node and joins it to the registry.</summary>
    public async Task<TestNode> AddNodeAsync()
    {
        var node = await TestNode.StartAsync(o => o with { RegistryPath = RegistryPath, RegistryKeyHex = RegistryKeyHex, PeerTestInterval = TimeSpan.FromDays(1) });
        _nodes.Add(node);
        Authority.Join(NodeJoin.For(node.Host.Identity.Keys.PublicKey, "127.0.0.1", node.Port, "0.1.0")).GetValueOrThrow();
        return node;
    }

    /// <summary>Takes a node out of the registry and stops it.</summary>
    public async Task RemoveAsync(TestNode node)
    {
        Authority.Leave(node.Host.Identity.Keys.PublicKey).GetValueOrThrow();
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>A push server watching this network (system clock; optionally reusing a data directory).</summary>
    public Task<TestPushServer> StartPushServerAsync(string? directory = null) =>
        TestPushServer.StartAsync(o => o with { RegistryPath = RegistryPath, RegistryKey = RegistryKeyHex }, TimeProvider.System, directory);

    /// <summary>Waits until the server streams from <paramref name="count"/> nodes that all accepted their subscriptions.</summary>
    public static Task AcceptedAsync(TestPushServer server, int count) => Eventually.TrueAsync(
        () => Task.FromResult(server.Server.Services.GetRequiredService<SwarmWatcher>().AcceptedStreamCount == count),
        $"{count} node streams carry the subscriptions", TimeSpan.FromSeconds(60));

    /// <summary>Stores a signed message for <paramref name="account"/> through <paramref name="entry"/>; returns its hash.</summary>
    public static async Task<string> StoreAsync(TestNode entry, Subscriber account, byte[] data, int ns = 0)
    {
        var parameters = SignedRequests.Store(account.Keys, ns, data, Messages.NowMs(), 3_600_000, signed: true);
        using var response = await entry.PostRpcAsync("store", parameters.ToJsonString(), TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal(200, (int)response.StatusCode);
        return body["hash"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>Reaches the server's watcher.</summary>
internal static class WatcherAccess
{
    public static SwarmWatcher GetWatcher(this IServiceProvider services) => services.GetRequiredService<SwarmWatcher>();
}
