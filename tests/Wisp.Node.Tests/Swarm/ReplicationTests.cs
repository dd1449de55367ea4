using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.Swarm;
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

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.False(body.ContainsKey("swarm"));
    }

    [Theory]
    [InlineData("bad-signature", 401)]
    [InlineData("unknown-node", 403)]
    [InlineData("stale", 401)]
    [InlineData("no-headers", 401)]
    public async Task A_forwarded_request_must_come_signed_from_an_active_node_within_the_clock_window(string fault, int expected)
    {
        using var account = Ed25519KeyPair.Generate();
        var body = Encoding.UTF8.GetBytes($$"""{"method":"store","params":{{SignedRequests.Store(account, 0, "x"u8.ToArray(), Messages.NowMs(), 3_600_000, true).ToJsonString()}}}""");
        var target = Network.Nodes[1];
        var signer = Network.Nodes[0].Host.Identity.Keys;
        using var stranger = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();
        var (node, timestamp, signature) = fault switch
        {
            "unknown-node" => PeerAuthentication.Sign(stranger, "POST", SwarmReplicator.ForwardRoute, now, body),
            "stale" => PeerAuthentication.Sign(signer, "POST", SwarmReplicator.ForwardRoute, now - 120_000, body),
            "bad-signature" => PeerAuthentication.Sign(signer, "POST", SwarmReplicator.ForwardRoute, now, "other body"u8),
            _ => PeerAuthentication.Sign(signer, "POST", SwarmReplicator.ForwardRoute, now, body),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, SwarmReplicator.ForwardRoute) { Content = new ByteArrayContent(body) };
        if (fault != "no-headers")
        {
            request.Headers.Add(PeerAuthentication.NodeHeader, node);
            request.Headers.Add(PeerAuthentication.TimestampHeader, timestamp);
            request.Headers.Add(PeerAuthentication.SignatureHeader, signature);
        }

        using var response = await target.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Empty(await target.Store.ContainsAsync(
            [new(account.AccountId.Hex, 0, MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), 0, "x"u8))], TestContext.Current.CancellationToken)
            .ContinueWith(t => t.Result.Where(held => held).ToArray(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_forwarded_request_is_served_once_and_only_for_recursive_methods()
    {
        using var account = Ed25519KeyPair.Generate();
        var target = Network.Nodes[2];
        using var client = new PeerClient(Network.Nodes[0].Host.Identity.Keys, TimeProvider.System);
        var record = Network.Authority.Current.FindNode(SwarmNetwork.KeyOf(target))!;
        var store = Encoding.UTF8.GetBytes($$"""{"method":"store","params":{{SignedRequests.Store(account, 0, "once"u8.ToArray(), Messages.NowMs(), 3_600_000, true).ToJsonString()}}}""");
        var retrieve = Encoding.UTF8.GetBytes($$"""{"method":"retrieve","params":{{SignedRequests.Retrieve(account, 0, Messages.NowMs()).ToJsonString()}}}""");

        var stored = await client.PostAsync(record, SwarmReplicator.ForwardRoute, store, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var refused = await client.PostAsync(record, SwarmReplicator.ForwardRoute, retrieve, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(200, stored.Status);
        var swarm = JsonNode.Parse(stored.Body)!["swarm"]!.AsObject();
        Assert.Equal(SwarmNetwork.KeyOf(target).ToHex(), Assert.Single(swarm).Key);
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), 0, "once"u8);
        Assert.False(await SwarmNetwork.HoldsAsync(Network.Nodes[3], account, 0, hash), "a forwarded store is not forwarded again");
        Assert.Equal(400, refused.Status);
    }
}
