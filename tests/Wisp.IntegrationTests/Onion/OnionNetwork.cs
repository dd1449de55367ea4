using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Network.Registry;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Onion;

/// <summary>
/// Real nodes in this process (HTTPS on 127.0.0.1), all following one signed registry file: each node gets its own
/// <see cref="FileRegistry"/> over it as its <see cref="INodeRegistry"/>, so the onion relay finds next hops there.
/// Nodes start on port 0, then join the registry with their real ports, then every registry is refreshed. The
/// nodes keep their default swarm view (every node serves every address) unless a test gives one, so nothing here
/// depends on replication.
/// </summary>
internal sealed class OnionNetwork : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Ed25519KeyPair _registryKey = Ed25519KeyPair.Generate();
    private readonly List<FileRegistry> _registries = [];
    private RegistryAuthority _authority = null!;

    public List<TestNode> Nodes { get; } = [];

    public string RegistryPath => Path.Combine(_directory.Path, "registry.json");

    /// <summary>A folder for the client's state (guards).</summary>
    public string ClientState => Path.Combine(_directory.Path, "client");

    /// <summary>Starts <paramref name="count"/> nodes; <paramref name="configure"/> may add services to node i.</summary>
    public static async Task<OnionNetwork> StartAsync(int count, Action<int, WebApplicationBuilder>? configure = null)
    {
        var network = new OnionNetwork();
        try
        {
            Directory.CreateDirectory(network._directory.Path);
            network._authority = RegistryAuthority.OpenOrCreate(network.RegistryPath, network._registryKey, TimeProvider.System).Value
                ?? throw new InvalidOperationException("the registry file could not be created");
            for (var i = 0; i < count; i++)
                await network.StartNodeAsync(i, configure);
            foreach (var node in network.Nodes)
                network.Join(node.Host.Identity.Keys.PublicKey, node.Port);
            network.RefreshAll();
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a node the registry lists at <paramref name="port"/> (it need not be a Wisp node).</summary>
    public void Join(Ed25519PublicKey node, int port)
    {
        var joined = _authority.Join(NodeJoin.For(node, "127.0.0.1", port, "0.1.0"));
        if (!joined.IsSuccess)
            throw new InvalidOperationException(joined.Error.Message);
    }

    /// <summary>Makes every node (and every registry opened here) read the registry file now.</summary>
    public void RefreshAll()
    {
        foreach (var registry in _registries)
            registry.Refresh();
    }

    /// <summary>A registry for a client, following the same file.</summary>
    public FileRegistry OpenRegistry()
    {
        var registry = FileRegistry.Open(
            new FileRegistryOptions { Path = RegistryPath, RegistryKey = _registryKey.PublicKey, PollInterval = Timeout.InfiniteTimeSpan },
            TimeProvider.System).Value ?? throw new InvalidOperationException("the registry file does not verify");
        _registries.Add(registry);
        return registry;
    }

    /// <summary>A swarm client over this network, with seeded randomness.</summary>
    public SwarmClient Client(TimeProvider? time = null, int seed = 1, OnionEncryptionType encryption = OnionEncryptionType.XChaCha20) =>
        SwarmClient.Create(OpenRegistry(), ClientState, time ?? TimeProvider.System, new Random(seed), encryption);

    /// <summary>The client's view of node <paramref name="index"/>.</summary>
    public ServiceNode ServiceNodeOf(int index) =>
        new(Nodes[index].Host.Identity.Keys.PublicKey, Nodes[index].Host.Identity.Keys.X25519PublicKey, new Uri(Nodes[index].Url));

    /// <summary>The test node whose key is <paramref name="key"/>.</summary>
    public TestNode NodeOf(Ed25519PublicKey key) => Nodes.Single(n => n.Host.Identity.Keys.PublicKey.Equals(key));

    private async Task StartNodeAsync(int index, Action<int, WebApplicationBuilder>? configure)
    {
        var registry = OpenRegistry();
        Nodes.Add(await TestNode.StartAsync(configure: builder =>
        {
            builder.Services.AddSingleton<INodeRegistry>(registry);
            configure?.Invoke(index, builder);
        }));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
        foreach (var registry in _registries)
            registry.Dispose();
        _registryKey.Dispose();
        _directory.Dispose();
    }
}
