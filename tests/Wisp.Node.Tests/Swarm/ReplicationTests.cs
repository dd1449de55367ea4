using System.Net;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>One 7-node swarm, shared by the tests of this class.</summary>
public sealed class SevenNodeSwarm : IAsyncLifetime
{
    public SwarmNetwork? Network { get; private set; }

    public async ValueTask InitializeAsync() => Network = await SwarmNetwork.StartAsync(7);

    public ValueTask DisposeAsync() => Network?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class ReplicationTests(SevenNodeSwarm fixture) : IClassFixture<SevenNodeSwarm>
{
    private SwarmNetwork Network => fixture.Network!;

    [Fact]
    public async Task A_store_is_on_every_member_and_the_answer_has_each_members_signed_result()
    {
        Assert.Single(Network.Swarms.Swarms);
        using var account = Ed25519KeyPair.Generate();

        var (status, body) = await SwarmNetwork.StoreAsync(Network.Nodes[2], account, "hello swarm"u8.ToArray());

        Assert.Equal(200, status);
        var hash = body["hash"]!.GetValue<string>();
        var swarm = body["swarm"]!.AsObject();
        Assert.Equal(7, swarm.Count);
        foreach (var node in Network.Nodes)
        {
            var key = SwarmNetwork.KeyOf(node);
            var entry = swarm[key.ToHex()]!.AsObject();
            Assert.Equal(hash, entry["hash"]!.GetValue<string>());
            Assert.True(Ed25519.Verify(key, NodeSignatureStrings.Store(hash), Convert.FromBase64String(entry["signature"]!.GetValue<string>())),
                $"node {key}'s signature verifies");
            Assert.True(await SwarmNetwork.HoldsAsync(node, account, 0, hash), $"node {key} holds the message");
        }
    }

    [Fact]
    public async Task A_message_stored_through_one_member_is_retrieved_from_another()
    {
        using var account = Ed25519KeyPair.Generate();
        var (_, body) = await SwarmNetwork.StoreAsync(Network.Nodes[0], account, "read me elsewhere"u8.ToArray());

        var retrieve = SignedRequests.Retrieve(account, 0, Messages.NowMs());
        using var response = await Network.Nodes[5].PostRpcAsync("retrieve", retrieve.ToJsonString(), TestContext.Current.CancellationToken);

        var messages = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["messages"]!.AsArray();
        Assert.Equal(body["hash"]!.GetValue<string>(), Assert.Single(messages)!["hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delete_is_carried_out_on_every_member()
    {
        using var account = Ed25519KeyPair.Generate();
        var (_, stored) = await SwarmNetwork.StoreAsync(Network.Nodes[1], account, "short lived"u8.ToArray());
        var hash = stored["hash"]!.GetValue<string>();

        using var response = await Network.Nodes[4].PostRpcAsync("delete", SignedRequests.Delete(account, hash).ToJsonString(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var swarm = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["swarm"]!.AsObject();
        Assert.Equal(7, swarm.Count);
        Assert.All(swarm, entry => Assert.Equal(hash, Assert.Single(entry.Value!["deleted"]!.AsArray())!.GetValue<string>()));
        foreach (var node in Network.Nodes)
            Assert.False(await SwarmNetwork.HoldsAsync(node, account, 0, hash));
    }

    [Fact]
    public async Task An_expire_is_carried_out_on_every_member()
    {
        using var account = Ed25519KeyPair.Generate();
        var (_, stored) = await SwarmNetwork.StoreAsync(Network.Nodes[3], account, "expire me"u8.ToArray());
        var hash = stored["hash"]!.GetValue<string>();
        var expiry = Messages.NowMs() + 120_000;

        using var response = await Network.Nodes[6].PostRpcAsync("expire",
            SignedRequests.Expire(account, ExpireConstraint.None, expiry, hash).ToJsonString(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var node in Network.Nodes)
        {
            var expiries = await node.Store.GetExpiriesAsync(account.AccountId.Hex, [hash], TestContext.Current.CancellationToken);
            Assert.Equal(expiry, expiries[hash]);
        }
    }

    [Fact]
    public async Task A_bad_client_signature_is_refused_and_not_forwarded()
    {
        using var account = Ed25519KeyPair.Generate();
        using var impostor = Ed25519KeyPair.Generate();
        // Namespace 2 needs the owner's signature (namespace 0 is a public inbox).
        var now = Messages.NowMs();
        var parameters = SignedRequests.Store(account, 2, "forged"u8.ToArray(), now, 3_600_000, signed: true);
        parameters["signature"] = SignedRequests.Sign(impostor, SignatureStrings.Store(2, now));

        using var response = await Network.Nodes[0].PostRpcAsync("store", parameters.ToJsonString(), TestContext.Current.CancellationToken);

        // Session's text answer, before anything is forwarded: no swarm entries at all.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("store signature verification failed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
