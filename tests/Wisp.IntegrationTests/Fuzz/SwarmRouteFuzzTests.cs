using System.Net.Http.Headers;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Protocol.Peering;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Fuzz;

/// <summary>
/// A bounded fuzz run of the node-to-node routes (<c>/swarm/v1/*</c>) on a real node: mutated bodies signed by a node the
/// registry lists (through the node's own <see cref="PeerClient"/>, so the signature is right and the body reaches the
/// parsers), and the same bodies unsigned or with damaged headers. No 5xx but 503, no hang, and the node still answers a
/// valid signed sync afterwards.
/// </summary>
public sealed class SwarmRouteFuzzTests
{
    private const int SignedInputs = 500;
    private const int UnsignedInputs = 200;

    private static readonly string[] Routes = [SyncRequest.Route, FetchRequest.Route, PushRequest.Route, "/swarm/v1/forward-batch"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mutated_node_to_node_requests_are_refused_cleanly_and_the_node_keeps_serving()
    {
        // A node started as `wisp node run` starts one: following a signed registry that lists the calling node.
        using var directory = new TempDirectory();
        using var registryKey = Ed25519KeyPair.Generate();
        using var peerKeys = Ed25519KeyPair.Generate();
        Directory.CreateDirectory(directory.Path);
        var registryPath = Path.Combine(directory.Path, "registry.json");
        var authority = RegistryAuthority.OpenOrCreate(registryPath, registryKey, TimeProvider.System).Value!;
        Assert.True(authority.Join(NodeJoin.For(peerKeys.PublicKey, "127.0.0.1", 1, "0.1.0")).IsSuccess);
        await using var node = await TestNode.StartAsync(o => o with { RegistryPath = registryPath, RegistryKeyHex = registryKey.PublicKey.ToHex() });
        Assert.True(authority.Join(NodeJoin.For(node.Host.Identity.Keys.PublicKey, "127.0.0.1", node.Port, "0.1.0")).IsSuccess);
        var target = authority.Current.FindNode(node.Host.Identity.Keys.PublicKey)!;
        using var peer = new PeerClient(peerKeys, TimeProvider.System);
        var now = Messages.NowMs();
        var message = new PeerMessage(1, Messages.RandomAccount(), 0, Messages.RandomHash(), now, now + 60_000, "aGk="u8.ToArray());
        var corpus = new List<byte[]>
        {
            new SyncRequest(0).ToJson(),
            new FetchRequest([1, 2, 3]).ToJson(),
            new PushRequest([message]).ToJson(),
            ForwardBatch.WriteRequest(["""{"method":"info","params":{}}"""u8.ToArray()]),
        };
        var route = 0;

        var signed = await FuzzRun.RunAsync(new Mutator(3031, corpus), SignedInputs, async (body, ct) =>
        {
            var path = Routes[Interlocked.Increment(ref route) % Routes.Length];
            var answer = await peer.PostAsync(target, path, body, FuzzRun.RequestTimeout, ct);
            return answer.Failure == UpstreamFailure.None
                ? (answer.Status, answer.Status >= 500 ? Encoding.UTF8.GetString(answer.Body) : "")
                : throw new HttpRequestException($"no answer: {answer.Failure}");
        }, allowed: (status, _) => status == 503, Token);

        var http = node.Http;
        var unsigned = await FuzzRun.RunAsync(new Mutator(3032, corpus), UnsignedInputs, async (body, ct) =>
        {
            var path = Routes[Interlocked.Increment(ref route) % Routes.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            // Headers that name the registry node but carry a stale time and a signature of nothing.
            request.Headers.TryAddWithoutValidation(PeerAuthentication.NodeHeader, peerKeys.PublicKey.ToHex());
            request.Headers.TryAddWithoutValidation(PeerAuthentication.TimestampHeader, body.Length % 2 == 0 ? "0" : "x");
            request.Headers.TryAddWithoutValidation(PeerAuthentication.SignatureHeader, Convert.ToBase64String(body.AsSpan(0, Math.Min(64, body.Length))));
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            return (status, status >= 500 ? await response.Content.ReadAsStringAsync(ct) : "");
        }, allowed: (status, _) => status == 503, Token);

        TestContext.Current.SendDiagnosticMessage($"swarm route fuzz (signed): {signed.Describe()}");
        TestContext.Current.SendDiagnosticMessage($"swarm route fuzz (unsigned): {unsigned.Describe()}");
        Assert.Empty(signed.Failures);
        Assert.Empty(unsigned.Failures);
        Assert.Contains(signed.Statuses.Keys, s => s == 400); // signed mutations reached the body parsers
        Assert.DoesNotContain(unsigned.Statuses.Keys, s => s is >= 200 and < 300);

        var sync = await peer.PostAsync(target, SyncRequest.Route, new SyncRequest(0).ToJson(), FuzzRun.RequestTimeout, Token);
        Assert.Equal(200, sync.Status);
    }
}
