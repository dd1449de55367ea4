using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Fuzz;

/// <summary>
/// A bounded fuzz run of <c>/storage_rpc/v1</c> on a real node: valid bodies of every kind (signed stores, retrieves,
/// deletes, expiries, batches) mutated with a fixed seed. Nothing may be a 5xx but load shedding (503), nothing may
/// hang, and the node must answer a valid store and retrieve afterwards.
/// </summary>
public sealed class StorageRpcFuzzTests
{
    private const int Inputs = 1_500;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mutated_storage_requests_are_refused_cleanly_and_the_node_keeps_serving()
    {
        await using var node = await TestNode.StartAsync();
        using var account = Ed25519KeyPair.Generate();

        var report = await FuzzRun.RunAsync(new Mutator(seed: 1011, Corpus(account)), Inputs, async (body, ct) =>
        {
            using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            using var response = await node.Http.PostAsync("/storage_rpc/v1", content, ct);
            var status = (int)response.StatusCode;
            return (status, status >= 500 ? await response.Content.ReadAsStringAsync(ct) : "");
        }, allowed: (status, _) => status == 503, Token);

        TestContext.Current.SendDiagnosticMessage($"storage RPC fuzz: {report.Describe()}");
        Assert.Empty(report.Failures);
        Assert.Contains(report.Statuses.Keys, s => s is >= 400 and < 500); // the mutations reached the checks
        Assert.Contains(200, report.Statuses.Keys);                        // and some still passed them

        var data = "still here"u8.ToArray();
        using (var stored = await node.PostRpcAsync("store", SignedRequests.Store(account, 0, data, Messages.NowMs(), 60_000, signed: false).ToJsonString(), Token))
            Assert.Equal(200, (int)stored.StatusCode);
        using var read = await node.PostRpcAsync("retrieve", SignedRequests.Retrieve(account, 0, Messages.NowMs()).ToJsonString(), Token);
        Assert.Equal(200, (int)read.StatusCode);
        Assert.Contains(Convert.ToBase64String(data), await read.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>Valid bodies of each method, signed now (the run is far shorter than the nodes' ±60 s window).</summary>
    private static List<byte[]> Corpus(Ed25519KeyPair account)
    {
        var now = Messages.NowMs();
        var hash = Messages.RandomHash();
        var calls = new (string Method, JsonObject Params)[]
        {
            ("store", SignedRequests.Store(account, 0, "fuzz corpus"u8.ToArray(), now, 60_000, signed: false)),
            ("store", SignedRequests.Store(account, Namespaces.UserProfile, new byte[300], now, 3_600_000, signed: true)),
            ("retrieve", SignedRequests.Retrieve(account, 0, now)),
            ("retrieve", SignedRequests.Retrieve(account, Namespaces.UserProfile, now, hash)),
            ("delete", SignedRequests.Delete(account, hash, Messages.RandomHash())),
            ("delete_all", SignedRequests.DeleteAll(account, NamespaceScope.All, now)),
            ("delete_before", SignedRequests.DeleteBefore(account, NamespaceScope.All, now - 1_000)),
            ("expire", SignedRequests.Expire(account, ExpireConstraint.None, now + 30_000, hash)),
            ("expire_all", SignedRequests.ExpireAll(account, NamespaceScope.All, now + 30_000)),
            ("get_expiries", SignedRequests.GetExpiries(account, now, hash)),
            ("get_swarm", new JsonObject { ["pubkey"] = account.AccountId.Hex }),
            ("info", new JsonObject()),
        };
        var bodies = calls.Select(c => Body(c.Method, c.Params)).ToList();
        var batch = new JsonArray([.. calls.Take(4).Select(c => new JsonObject { ["method"] = c.Method, ["params"] = c.Params.DeepClone() })]);
        bodies.Add(Body("batch", new JsonObject { ["requests"] = batch }));
        bodies.Add(Body("sequence", new JsonObject { ["requests"] = batch.DeepClone() }));
        return bodies;
    }

    private static byte[] Body(string method, JsonObject parameters) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["method"] = method, ["params"] = parameters.DeepClone() }.ToJsonString());
}
