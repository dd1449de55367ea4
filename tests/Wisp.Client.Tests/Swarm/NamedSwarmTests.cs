using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Swarm;

/// <summary>
/// A swarm named in a 421 is used only as far as a real signed registry confirms it: nodes it lists AND places in the
/// address's swarm. Twenty nodes make several swarms, so a node can name registry nodes of another swarm.
/// </summary>
public sealed class NamedSwarmTests : IDisposable
{
    private const int Nodes = 20;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-named-swarm-").FullName;
    private readonly Ed25519KeyPair _registryKey = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly RegistryAuthority _authority;
    private readonly FileRegistry _registry;
    private readonly NodePool _pool;
    private readonly SwarmCache _swarms = new();

    public NamedSwarmTests()
    {
        _authority = RegistryAuthority.OpenOrCreate(Path.Combine(_directory, "registry.json"), _registryKey, TimeProvider.System).Value!;
        for (var i = 0; i < Nodes; i++)
            Join(i);
        _registry = FileRegistry.Open(
            new FileRegistryOptions { Path = _authority.Path, RegistryKey = _registryKey.PublicKey, PollInterval = Timeout.InfiniteTimeSpan },
            TimeProvider.System).Value!;
        _pool = new NodePool(_registry);
        Assert.True(_registry.Current.Swarms.Swarms.Count >= 2, "the test needs more than one swarm");
    }

    public void Dispose()
    {
        _registry.Dispose();
        _registryKey.Dispose();
        _account.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private StoragePubkey Pubkey => StoragePubkey.FromBytes(_account.AccountId.Bytes);

    [Fact]
    public async Task A_421_naming_registry_nodes_of_another_swarm_is_ignored_and_the_registry_refreshed()
    {
        var placed = _pool.SwarmFor(Pubkey);
        Join(Nodes); // the registry moved on since the client read it
        var placedNow = _authority.Current.Swarms.SwarmForPrefixedKey(Pubkey.Bytes)!.Members;
        var outsiders = _pool.Nodes.Where(n => !placed.Contains(n) && !placedNow.Contains(n.Ed25519)).Take(3).ToList();
        Assert.NotEmpty(outsiders);
        var before = _pool.Version;

        var learned = await NamedSwarm.LearnAsync(Reply(outsiders), Pubkey, _pool, _swarms, None);

        Assert.Empty(learned);
        Assert.Null(_swarms.Find(Pubkey)); // the registry's own swarm is used
        Assert.True(_pool.Version > before, "the registry was read again");
    }

    [Fact]
    public async Task Only_the_members_the_registry_places_in_the_swarm_are_kept()
    {
        var placed = _pool.SwarmFor(Pubkey);
        var outsider = _pool.Nodes.First(n => !placed.Contains(n));
        using var stranger = Ed25519KeyPair.Generate();
        var named = new List<ServiceNode> { placed[0], outsider, TestNodes.Node(stranger, 9), placed[1] };

        var learned = await NamedSwarm.LearnAsync(Reply(named), Pubkey, _pool, _swarms, None);

        Assert.Equal([placed[0], placed[1]], learned);
        Assert.Equal(learned, _swarms.Find(Pubkey));
    }

    [Fact]
    public void A_swarm_the_registry_confirms_is_taken_whole()
    {
        var placed = _pool.SwarmFor(Pubkey);

        Assert.Equal(placed, NamedSwarm.Vetted(Reply(placed), Pubkey, _pool));
    }

    private static GetSwarmResponse Reply(IEnumerable<ServiceNode> nodes) => new(
        [.. nodes.Select(n => new SwarmNodeInfo(n.Ed25519.ToHex(), n.X25519.ToHex(), n.BaseUrl.Host, n.BaseUrl.Port))],
        SwarmId: 7, T: 1_760_000_000_000, Hf: default);

    private void Join(int index)
    {
        var node = TestNodes.Node(index);
        Assert.True(_authority.Join(NodeJoin.For(node.Ed25519, "127.0.0.1", 40_000 + index, "0.1.0")).IsSuccess);
    }
}
