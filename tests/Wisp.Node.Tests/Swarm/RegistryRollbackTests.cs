using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.Hosting;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>A node records the highest registry version it accepted and will not start on an older, validly signed file.</summary>
public sealed class RegistryRollbackTests : IAsyncLifetime
{
    private readonly SwarmNetwork _network = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_restarted_node_refuses_a_registry_file_older_than_the_one_it_accepted()
    {
        var node = await _network.AddNodeAsync();
        await _network.SettleAsync();
        var old = File.ReadAllBytes(_network.RegistryPath);
        using var stranger = Ed25519KeyPair.Generate();
        _network.Authority.Join(NodeJoin.For(stranger.PublicKey, "127.0.0.1", 1, "0.1.0")).GetValueOrThrow();
        await _network.SettleAsync();
        var accepted = _network.Authority.Current.Version;
        var directory = await _network.StopAsync(node);
        File.WriteAllBytes(_network.RegistryPath, old);

        var refused = await Assert.ThrowsAsync<NodeStartException>(() => TestNode.StartAsync(_network.Options, dataDirectory: directory));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains($"older than version {accepted}", problem, StringComparison.Ordinal);
        Assert.Contains(WispNodeHost.RegistryHighWaterFileName, problem, StringComparison.Ordinal);
    }
}
