using Wisp.Client.Paths;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Paths;

/// <summary>The pool follows a real signed registry file: its active nodes, their swarms, and changes after a refresh.</summary>
public sealed class NodePoolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wisp-pool-").FullName;
    private readonly Ed25519KeyPair _registryKey = Ed25519KeyPair.Generate();
    private readonly RegistryAuthority _authority;

    public NodePoolTests()
    {
        var path = Path.Combine(_directory, "registry.json");
        _authority = RegistryAuthority.OpenOrCreate(path, _registryKey, TimeProvider.System).Value!;
        for (var i = 0; i < 6; i++)
            Join(i);
    }

    public void Dispose()
    {
        _registryKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ThePoolIsTheRegistrysActiveNodesWithTheirAddresses()
    {
        using var registry = Open();
        var pool = new NodePool(registry);

        Assert.Equal(6, pool.Nodes.Count);
        var node = pool.Find(TestNodes.Node(2).Ed25519);
        Assert.NotNull(node);
        Assert.Equal(new Uri("https://127.0.0.1:40002"), node.BaseUrl);
        Assert.Equal(TestNodes.Node(2).X25519, node.X25519);
    }

    [Fact]
    public async Task AJoinAndALeaveShowAfterARefresh()
    {
        using var registry = Open();
        var pool = new NodePool(registry);

        Join(6);
        Assert.True(_authority.Leave(TestNodes.Node(0).Ed25519).IsSuccess);
        await pool.RefreshAsync(CancellationToken.None);

        Assert.Equal(6, pool.Nodes.Count);
        Assert.True(pool.Contains(TestNodes.Node(6).Ed25519));
        Assert.False(pool.Contains(TestNodes.Node(0).Ed25519));
        Assert.Equal(_authority.Current.Version, pool.Version);
    }

    [Fact]
    public void TheSwarmOfAnAddressIsTheRegistrysSwarm()
    {
        using var registry = Open();
        var pool = new NodePool(registry);
        using var account = Ed25519KeyPair.Generate();
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);

        var members = pool.SwarmFor(pubkey);

        var expected = registry.Current.Swarms.SwarmForPrefixedKey(pubkey.Bytes)!.Members;
        Assert.NotEmpty(members);
        Assert.Equal(expected, members.Select(m => m.Ed25519));
    }

    [Fact]
    public void AFixedPoolKnowsNoSwarms()
    {
        using var account = Ed25519KeyPair.Generate();

        Assert.Empty(NodePool.FromNodes(TestNodes.Nodes(4)).SwarmFor(StoragePubkey.FromBytes(account.AccountId.Bytes)));
    }

    private FileRegistry Open() => FileRegistry.Open(
        new FileRegistryOptions { Path = _authority.Path, RegistryKey = _registryKey.PublicKey, PollInterval = Timeout.InfiniteTimeSpan },
        TimeProvider.System).Value!;

    private void Join(int index)
    {
        var node = TestNodes.Node(index);
        Assert.True(_authority.Join(NodeJoin.For(node.Ed25519, "127.0.0.1", 40_000 + index, "0.1.0")).IsSuccess);
    }
}
