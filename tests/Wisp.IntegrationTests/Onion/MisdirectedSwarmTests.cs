using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.IntegrationTests.Onion;

/// <summary>
/// A 421 from the destination: the client takes the swarm the answer names and retries there. Nodes 0–4 are told
/// (through their swarm view) that nodes 5 and 6 serve every address; nodes 5 and 6 serve everything themselves.
/// The client starts from a stale swarm, nodes 0–4, as if it had stored one from an earlier <c>get_swarm</c>.
/// </summary>
public sealed class MisdirectedSwarmTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A421MovesTheRequestToTheSwarmItNames()
    {
        var elsewhere = new ElsewhereDirectory();
        await using var network = await OnionNetwork.StartAsync(7, (index, builder) =>
        {
            if (index < 5)
                builder.Services.AddSingleton<ISwarmDirectory>(elsewhere);
        });
        elsewhere.Members = [.. network.Nodes.Skip(5).Select(n => new SwarmMember(
            n.Host.Identity.Keys.PublicKey, n.Host.Identity.Keys.X25519PublicKey, "127.0.0.1", n.Port, OmqPort: 0))];
        using var client = network.Client(seed: 31);
        using var account = Ed25519KeyPair.Generate();
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        client.Swarms.Remember(pubkey, [.. Enumerable.Range(0, 5).Select(network.ServiceNodeOf)]);

        var stored = await client.StoreAsync(pubkey, 0, "moved"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token);

        Assert.True(stored.Ok, stored.Error?.Message);
        Assert.True(stored.Info.Misdirected);
        var rightSwarm = new[] { network.ServiceNodeOf(5), network.ServiceNodeOf(6) };
        Assert.Contains(stored.Info.Destination!, rightSwarm);
        Assert.Equal(rightSwarm.OrderBy(n => n.Ed25519.ToHex()), client.Swarms.Find(pubkey)!.OrderBy(n => n.Ed25519.ToHex()));

        // The next request goes straight to the right swarm.
        var read = await client.RetrieveAsync(account, 0, null, Token, node: stored.Info.Destination!.Ed25519);
        Assert.True(read.Ok, read.Error?.Message);
        Assert.False(read.Info.Misdirected);
        Assert.Single(read.Value!.Messages);
    }

    [Fact]
    public async Task A421ThatNamesNoKnownNodeEndsAsARejection()
    {
        var elsewhere = new ElsewhereDirectory();
        await using var network = await OnionNetwork.StartAsync(6, (_, builder) => builder.Services.AddSingleton<ISwarmDirectory>(elsewhere));
        using var stranger = Ed25519KeyPair.Generate();
        elsewhere.Members = [new SwarmMember(stranger.PublicKey, stranger.X25519PublicKey, "127.0.0.1", 9, OmqPort: 0)];
        using var client = network.Client(seed: 32);
        using var account = Ed25519KeyPair.Generate();
        client.Swarms.Remember(StoragePubkey.FromBytes(account.AccountId.Bytes), [network.ServiceNodeOf(0)]);

        var stored = await client.StoreAsync(account.AccountId, 0, "x"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token);

        // Retried once on the registry's swarm (every node here, all answering 421), then the 421 is the answer.
        Assert.False(stored.Ok);
        Assert.Equal(421, stored.Error!.Status);
        Assert.True(stored.Info.Misdirected);
    }

    /// <summary>A swarm view that serves nothing and names <see cref="Members"/> as the swarm of every address.</summary>
    private sealed class ElsewhereDirectory : ISwarmDirectory
    {
        public IReadOnlyList<SwarmMember> Members { get; set; } = [];

        public bool Serves(StoragePubkey pubkey) => false;

        public SwarmView? SwarmFor(StoragePubkey pubkey) => new(42, Members);
    }
}
