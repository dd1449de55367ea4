using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.IntegrationTests.Onion;
using Wisp.Node.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// A 421 through an onion path. The conformance network has one swarm, and its outsider is not in the registry (so
/// no relay can reach it); here four real nodes in this process follow one registry, and the destination is told
/// (through its swarm view) that the first three serve every account — the way <c>MisdirectedSwarmTests</c> does.
/// The destination wraps the same 421 JSON it answers over HTTPS (request_handler.cpp <c>handle_wrong_swarm</c>,
/// <c>wrap_proxy_response</c>).
/// </summary>
public sealed class MisdirectedOnionTests
{
    [Fact]
    public async Task A421ThroughTheOnionIsThe421OverHttps()
    {
        var elsewhere = new ElsewhereDirectory();
        await using var network = await OnionNetwork.StartAsync(4, (index, builder) =>
        {
            if (index == 3)
                builder.Services.AddSingleton<ISwarmDirectory>(elsewhere);
        });
        var nodes = Enumerable.Range(0, 4).Select(i => network.ServiceNodeOf(i))
            .Select((n, i) => new WireNode($"node-{i}", n.Ed25519, n.X25519, n.BaseUrl)).ToList();
        elsewhere.Members = [.. nodes.Take(3).Select(n => new SwarmMember(n.Ed25519, n.X25519, n.Url.Host, n.Url.Port, OmqPort: 0))];
        using var wire = new SessionWire();
        using var account = SessionAccount.NewSessionId();
        var body = Rpc.Body("store", account.Unsigned(new() { ["timestamp"] = Clock.NowMs(), ["ttl"] = 60_000, ["data"] = "aGk=" }));

        var before = Clock.NowMs();
        var direct = await wire.PostAsync(nodes[3].Url, "/storage_rpc/v1", body, TestContext.Current.CancellationToken);
        var onion = await wire.OnionRpcAsync(nodes.Take(3).ToList(), nodes[3], body, TestContext.Current.CancellationToken);

        foreach (var answer in new[] { direct, onion })
        {
            var reply = Expect.Json(answer, 421);
            Expect.Keys(reply, "hf", "snodes", "swarm", "t");
            Expect.MiscFields(reply, before);
            Assert.Equal("2a", reply.GetProperty("swarm").GetString());
            InfoAndSwarmTests.ExpectSwarm(reply, nodes.Take(3).ToList());
        }
        Assert.True(JsonNode.DeepEquals(Without(direct.Body, "t"), Without(onion.Body, "t")), $"{direct} vs {onion}");
    }

    private static JsonNode Without(string json, string key)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove(key);
        return node;
    }

    /// <summary>A swarm view that serves nothing and names <see cref="Members"/> (swarm 0x2a) as every account's swarm.</summary>
    private sealed class ElsewhereDirectory : ISwarmDirectory
    {
        public IReadOnlyList<SwarmMember> Members { get; set; } = [];

        public bool Serves(StoragePubkey pubkey) => false;

        public SwarmView? SwarmFor(StoragePubkey pubkey) => new(0x2a, Members);
    }
}
