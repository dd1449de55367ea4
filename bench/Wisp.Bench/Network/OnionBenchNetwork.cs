using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Client.Paths;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.Hosting;

namespace Wisp.Bench.Network;

/// <summary>
/// In-process nodes on loopback for the onion benchmark, following one signed registry file (each node has its own
/// <see cref="FileRegistry"/> as its registry, so the relay finds next hops there). Rate limits are lifted.
/// </summary>
internal sealed class OnionBenchNetwork : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wisp-bench-onion-" + Guid.NewGuid().ToString("N"));
    private readonly Ed25519KeyPair _registryKey = Ed25519KeyPair.Generate();
    private readonly List<FileRegistry> _registries = [];

    public List<WispNodeHost> Nodes { get; } = [];

    public string RegistryPath => Path.Combine(_folder, "registry.json");

    public static async Task<OnionBenchNetwork> StartAsync(int count, CancellationToken cancellationToken)
    {
        var network = new OnionBenchNetwork();
        Directory.CreateDirectory(network._folder);
        var authority = RegistryAuthority.OpenOrCreate(network.RegistryPath, network._registryKey, TimeProvider.System).Value
            ?? throw new InvalidOperationException("the bench registry could not be created");
        for (var i = 0; i < count; i++)
        {
            var registry = network.OpenRegistry();
            var options = new NodeOptions
            {
                DataDirectory = Path.Combine(network._folder, $"node{i}"),
                Host = "127.0.0.1",
                Port = 0,
                RateLimitPerSecond = 0,
                SynchronousFull = false,
                LogLevel = LogLevel.Warning,
            };
            network.Nodes.Add(await WispNodeHost.StartAsync(options, cancellationToken,
                builder => builder.Services.AddSingleton<INodeRegistry>(registry)));
        }
        foreach (var node in network.Nodes)
        {
            var joined = authority.Join(NodeJoin.For(node.Identity.Keys.PublicKey, "127.0.0.1", node.Port, "0.1.0"));
            if (!joined.IsSuccess)
                throw new InvalidOperationException(joined.Error.Message);
        }
        foreach (var registry in network._registries)
            registry.Refresh();
        return network;
    }

    /// <summary>A registry over the bench's file (for a client).</summary>
    public FileRegistry OpenRegistry()
    {
        var registry = FileRegistry.Open(
            new FileRegistryOptions { Path = RegistryPath, RegistryKey = _registryKey.PublicKey, PollInterval = Timeout.InfiniteTimeSpan },
            TimeProvider.System).Value ?? throw new InvalidOperationException("the bench registry does not verify");
        _registries.Add(registry);
        return registry;
    }

    public ServiceNode ServiceNodeOf(int index) =>
        new(Nodes[index].Identity.Keys.PublicKey, Nodes[index].Identity.Keys.X25519PublicKey, new Uri(Nodes[index].Url));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
        foreach (var registry in _registries)
            registry.Dispose();
        _registryKey.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A node still closing its database; the temp folder is cleaned by the system eventually.
        }
    }
}
