using Wisp.Client.Paths;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Storage;

namespace Wisp.IntegrationTests.Onion;

/// <summary>Store and retrieve through three hops to a fourth node, on real nodes over HTTPS.</summary>
public sealed class OnionStoreRetrieveTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public async Task AMessageStoredThroughAPathIsRetrievedThroughAPath(OnionEncryptionType encryption)
    {
        await using var network = await OnionNetwork.StartAsync(7);
        using var client = network.Client(seed: 11, encryption: encryption);
        using var account = Ed25519KeyPair.Generate();
        var data = "hello through three hops"u8.ToArray();

        var stored = await client.StoreAsync(account.AccountId, Namespaces.Default, data, TimeSpan.FromHours(1), signer: null, Token);

        Assert.True(stored.Ok, stored.Error?.Message);
        var path = stored.Info.Path!;
        var destination = stored.Info.Destination!;
        Assert.Equal(3, path.Nodes.Count);
        Assert.Equal(3, path.Nodes.Select(n => n.Ed25519).Distinct().Count());
        Assert.False(path.Contains(destination.Ed25519));
        Assert.Equal(MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), 0, data), stored.Value!.Hash);
        Assert.True(stored.Value.Confirmed >= 1, "the destination signed the hash with its registry key");

        // Without replication only the destination holds it: read it back from there (a last_hash is per node anyway).
        var retrieved = await client.RetrieveAsync(account, Namespaces.Default, lastHash: null, Token, node: destination.Ed25519);

        Assert.True(retrieved.Ok, retrieved.Error?.Message);
        var message = Assert.Single(retrieved.Value!.Messages);
        Assert.Equal(data, message.Data);
        Assert.Equal(stored.Value.Hash, message.Hash);
        Assert.Equal(destination, retrieved.Value.Node);
    }

    [Fact]
    public async Task ASignedStoreToAPrivateNamespaceAndADeleteGoThroughPaths()
    {
        await using var network = await OnionNetwork.StartAsync(7);
        using var client = network.Client(seed: 12);
        using var account = Ed25519KeyPair.Generate();

        var stored = await client.StoreAsync(account.AccountId, Namespaces.UserProfile, "config"u8.ToArray(), TimeSpan.FromDays(20), account, Token);
        Assert.True(stored.Ok, stored.Error?.Message);

        var node = stored.Info.Destination!.Ed25519;
        var read = await client.RetrieveAsync(account, Namespaces.UserProfile, null, Token, node: node);
        Assert.True(read.Ok, read.Error?.Message);
        Assert.Equal(stored.Value!.Hash, Assert.Single(read.Value!.Messages).Hash);

        var deleted = await client.DeleteAsync(account, [stored.Value.Hash], Token);
        Assert.True(deleted.Ok, deleted.Error?.Message);
        Assert.True(deleted.Value!.Confirmed >= 1);
    }

    [Fact]
    public async Task GuardsAreTestedAndKeptForTheNextClient()
    {
        await using var network = await OnionNetwork.StartAsync(6);
        using var account = Ed25519KeyPair.Generate();
        using (var first = network.Client(seed: 3))
            Assert.True((await first.StoreAsync(account.AccountId, 0, "x"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token)).Ok);
        var guards = GuardFile.Read(network.ClientState);
        Assert.Equal(2, guards.Count);

        using var second = network.Client(seed: 4);
        var stored = await second.StoreAsync(account.AccountId, 0, "y"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token);

        Assert.True(stored.Ok, stored.Error?.Message);
        Assert.Contains(stored.Info.Path!.Guard.Ed25519, guards);
        Assert.Equal(guards, GuardFile.Read(network.ClientState));
    }

    [Fact]
    public async Task GetSwarmThroughAPathNamesRegistryNodes()
    {
        await using var network = await OnionNetwork.StartAsync(6);
        using var client = network.Client(seed: 5);
        using var account = Ed25519KeyPair.Generate();
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);

        var swarm = await client.GetSwarmAsync(pubkey, Token);

        Assert.True(swarm.Ok, swarm.Error?.Message);
        // A lone node's view: it serves everything, as swarm 0 with itself.
        var member = Assert.Single(swarm.Value!);
        Assert.Equal(swarm.Info.Destination, member);
        Assert.Equal(swarm.Value, client.Swarms.Find(pubkey));
    }
}
