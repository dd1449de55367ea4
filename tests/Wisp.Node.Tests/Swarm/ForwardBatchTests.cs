using System.Text;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.NodeLinks;
using Wisp.Node.Swarm;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>
/// Forward batches: many stores through one entry node, and <c>POST /swarm/v1/forward-batch</c> on a receiving node,
/// sent by a swarm peer as the replicator does.
/// </summary>
public sealed class ForwardBatchTests(SevenNodeSwarm fixture) : IClassFixture<SevenNodeSwarm>
{
    private SwarmNetwork Network => fixture.Network!;

    [Fact]
    public async Task Many_concurrent_stores_through_one_entry_node_end_on_every_member_with_each_members_signature()
    {
        // Far more stores at once than members: the entry node's per-peer queues carry several in one forward batch.
        // (In this class, not with the delete tests: catch-up copying these could race a delete there.)
        const int stores = 48;
        var accounts = Enumerable.Range(0, stores).Select(_ => Ed25519KeyPair.Generate()).ToArray();
        try
        {
            var answers = await Task.WhenAll(accounts.Select((account, i) =>
                SwarmNetwork.StoreAsync(Network.Nodes[0], account, Encoding.UTF8.GetBytes($"concurrent {i}"))));

            for (var i = 0; i < stores; i++)
            {
                var (status, body) = answers[i];
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
                        $"node {key}'s signature over store {i} verifies");
                    Assert.True(await SwarmNetwork.HoldsAsync(node, accounts[i], 0, hash), $"node {key} holds store {i}");
                }
            }
        }
        finally
        {
            foreach (var account in accounts)
                account.Dispose();
        }
    }

    [Fact]
    public async Task Each_request_of_a_batch_is_answered_on_its_own_and_one_bad_client_signature_fails_only_that_one()
    {
        using var alice = Ed25519KeyPair.Generate();
        using var bob = Ed25519KeyPair.Generate();
        using var impostor = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();
        // Namespace 2 needs the owner's signature (namespace 0 is a public inbox).
        var forged = SignedRequests.Store(alice, 2, "forged"u8.ToArray(), now, 3_600_000, signed: true);
        forged["signature"] = SignedRequests.Sign(impostor, SignatureStrings.Store(2, now));
        var target = Network.Nodes[2];

        var answer = await ForwardBatchAsync(Network.Nodes[0], target,
            Request("store", SignedRequests.Store(alice, 2, "first"u8.ToArray(), now, 3_600_000, signed: true)),
            Request("store", forged),
            Request("store", SignedRequests.Store(bob, 0, "third"u8.ToArray(), now, 3_600_000, signed: true)),
            Request("retrieve", SignedRequests.Retrieve(alice, 2, now)),
            "42");

        Assert.Equal(200, answer.Status);
        var entries = JsonNode.Parse(answer.Body)!.AsArray();
        Assert.Equal([200, 401, 200, 400, 400], entries.Select(e => e!["code"]!.GetValue<int>()));
        foreach (var (index, account, ns, data) in new[] { (0, alice, 2, "first"u8.ToArray()), (2, bob, 0, "third"u8.ToArray()) })
        {
            var hash = MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), ns, data);
            // Session's non-recursive form: the receiving node's own entry alone, never forwarded again.
            var mine = entries[index]!["body"]!.AsObject();
            Assert.False(mine.ContainsKey("swarm"));
            Assert.Equal(hash, mine["hash"]!.GetValue<string>());
            Assert.True(Ed25519.Verify(SwarmNetwork.KeyOf(target), NodeSignatureStrings.Store(hash),
                Convert.FromBase64String(mine["signature"]!.GetValue<string>())), "the receiving node signed the hash");
            Assert.True(await SwarmNetwork.HoldsAsync(target, account, ns, hash), $"request {index} is stored");
        }
        Assert.Equal("store signature verification failed", entries[1]!["body"]!.GetValue<string>());
        Assert.False(await SwarmNetwork.HoldsAsync(target, alice, 2, MessageHash.Compute(StoragePubkey.FromBytes(alice.AccountId.Bytes), 2, "forged"u8)));
    }

    [Theory]
    [InlineData("bad-signature", 401)]
    [InlineData("unknown-node", 403)]
    [InlineData("stale", 401)]
    [InlineData("no-headers", 401)]
    public async Task A_forward_batch_must_come_signed_from_an_active_node_within_the_clock_window(string fault, int expected)
    {
        using var account = Ed25519KeyPair.Generate();
        var body = Encoding.UTF8.GetBytes(
            $"[{Request("store", SignedRequests.Store(account, 0, "x"u8.ToArray(), Messages.NowMs(), 3_600_000, true))}]");
        var target = Network.Nodes[1];
        var signer = Network.Nodes[0].Host.Identity.Keys;
        using var stranger = Ed25519KeyPair.Generate();
        var now = Messages.NowMs();
        const string route = SwarmReplicator.ForwardBatchRoute;
        var receiver = SwarmNetwork.KeyOf(target);
        var headers = fault switch
        {
            "unknown-node" => PeerAuthentication.Sign(stranger, receiver, "POST", route, now, body),
            "stale" => PeerAuthentication.Sign(signer, receiver, "POST", route, now - 120_000, body),
            "bad-signature" => PeerAuthentication.Sign(signer, receiver, "POST", route, now, "other body"u8),
            _ => PeerAuthentication.Sign(signer, receiver, "POST", route, now, body),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
        if (fault != "no-headers")
            headers.AddTo(request.Headers);

        using var response = await target.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.False(await SwarmNetwork.HoldsAsync(target, account, 0, MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), 0, "x"u8)));
    }

    [Fact]
    public async Task A_forward_batch_declared_larger_than_the_peer_body_cap_is_413_before_it_is_read()
    {
        var signer = Network.Nodes[0].Host.Identity.Keys;
        var headers = PeerAuthentication.Sign(
            signer, SwarmNetwork.KeyOf(Network.Nodes[1]), "POST", SwarmReplicator.ForwardBatchRoute, Messages.NowMs(), "[]"u8);
        await using var connection = await RawHttps.ConnectAsync(Network.Nodes[1]);

        // Only the headers go out: the node must answer from Content-Length alone.
        await connection.SendAsync(
            $"POST {SwarmReplicator.ForwardBatchRoute} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + headers.ToHeaderLines() + $"Content-Length: {NodeLinkLimits.MaxPeerBodyBytes + 1}\r\n\r\n");
        var (status, _) = await connection.ReadResponseAsync();

        Assert.Equal(413, status);
    }

    [Theory]
    [InlineData("{}", "an object")]
    [InlineData("[]", "an empty array")]
    [InlineData("[1,", "broken JSON")]
    [InlineData("too-many", "one request over the cap")]
    public async Task A_forward_batch_that_is_not_an_array_of_1_to_64_requests_is_400_and_runs_nothing(string body, string what)
    {
        using var account = Ed25519KeyPair.Generate();
        var store = Request("store", SignedRequests.Store(account, 0, "never"u8.ToArray(), Messages.NowMs(), 3_600_000, true));
        var requests = body == "too-many" ? Enumerable.Repeat(store, ReplicationLimits.MaxForwardBatchRequests + 1).ToArray() : null;
        var target = Network.Nodes[4];

        var answer = requests is null
            ? await PostAsync(Network.Nodes[0], target, Encoding.UTF8.GetBytes(body))
            : await ForwardBatchAsync(Network.Nodes[0], target, requests);

        Assert.True(answer.Status == 400, $"{what}: {answer.Status}");
        Assert.Contains("forward-batch", Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
        Assert.False(await SwarmNetwork.HoldsAsync(target, account, 0, MessageHash.Compute(StoragePubkey.FromBytes(account.AccountId.Bytes), 0, "never"u8)));
    }

    private static string Request(string method, JsonObject parameters) =>
        new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString();

    private Task<UpstreamResponse> ForwardBatchAsync(TestNode from, TestNode to, params string[] requests) =>
        PostAsync(from, to, Encoding.UTF8.GetBytes($"[{string.Join(",", requests)}]"));

    private async Task<UpstreamResponse> PostAsync(TestNode from, TestNode to, byte[] body)
    {
        using var client = new PeerClient(from.Host.Identity.Keys, TimeProvider.System);
        var record = Network.Authority.Current.FindNode(SwarmNetwork.KeyOf(to))!;
        return await client.PostAsync(record, SwarmReplicator.ForwardBatchRoute, body, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
