using System.Net.Http.Headers;
using System.Text;
using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.IntegrationTests.Onion;
using Wisp.Protocol.Onion;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Fuzz;

/// <summary>
/// A bounded fuzz run of <c>/onion_req/v2</c> on real nodes (a guard and a destination on one registry): onion requests
/// built by the client's builder, mutated as bytes (the guard's frame, its control JSON, the ciphertext); requests whose
/// inner RPC body is mutated before it is wrapped (the destination's answer is decrypted and read); and layers for the
/// guard whose encrypted control JSON is mutated (relay and destination instructions). Only the relay's documented
/// 5xx may come back (502/503/504, and 500 "Invalid response from snode"), never the generic 500; nothing may hang;
/// the guard must relay a valid request afterwards.
/// </summary>
public sealed class OnionFuzzTests
{
    private const int OuterInputs = 600;
    private const int InnerInputs = 300;
    private const int LayerInputs = 300;

    private static readonly byte[][] RpcBodies =
    [
        """{"method":"info","params":{}}"""u8.ToArray(),
        """{"method":"get_swarm","params":{"pubkey":"0500000000000000000000000000000000000000000000000000000000000000ff"}}"""u8.ToArray(),
        """{"method":"batch","params":{"requests":[{"method":"info","params":{}},{"method":"info","params":{}}]}}"""u8.ToArray(),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mutated_onion_requests_get_documented_answers_and_the_path_keeps_working()
    {
        await using var network = await OnionNetwork.StartAsync(2);
        var guard = network.ServiceNodeOf(0);
        var destination = network.ServiceNodeOf(1);
        var http = network.Nodes[0].Http;

        // 1. The whole guard body, mutated as bytes.
        var outer = RpcBodies.Select(b => Built(guard, destination, b).Body).ToList();
        var outerReport = await FuzzRun.RunAsync(new Mutator(2021, outer), OuterInputs,
            (body, ct) => PostAsync(http, body, null, ct), Documented, Token);

        // 2. The RPC inside, mutated before the client's builder wraps it; the destination's answer is read.
        var innerMutator = new Mutator(2022, RpcBodies);
        var innerReport = await FuzzRun.RunAsync(new Mutator(2023, [[0]]), InnerInputs, async (_, ct) =>
        {
            byte[] rpc;
            lock (innerMutator)
                rpc = innerMutator.Next().Body;
            using var request = Built(guard, destination, rpc);
            return await PostAsync(http, request.Body, request, ct);
        }, Documented, Token);

        // 3. A layer for the guard with its encrypted control JSON mutated: relay and destination instructions.
        using var ephemeral = X25519KeyPair.Generate();
        byte[][] controls =
        [
            new RelayToNodeInstruction(destination.Ed25519, ephemeral.PublicKey, OnionEncryptionType.XChaCha20).ToJson(),
            new DestinationInstruction(Base64: true).ToJson(),
        ];
        var controlMutator = new Mutator(2024, controls);
        var layerReport = await FuzzRun.RunAsync(new Mutator(2025, [[0]]), LayerInputs, async (_, ct) =>
        {
            byte[] control;
            lock (controlMutator)
                control = controlMutator.Next().Body;
            var layer = OnionFrame.Build(RpcBodies[0], control);
            var body = Layer(guard.X25519, layer, out var key);
            using (key)
                return await PostAsync(http, body, null, ct);
        }, Documented, Token);

        foreach (var (name, report) in new[] { ("outer", outerReport), ("inner", innerReport), ("layer", layerReport) })
        {
            TestContext.Current.SendDiagnosticMessage($"onion fuzz ({name}): {report.Describe()}");
            Assert.Empty(report.Failures);
        }
        Assert.Contains(outerReport.Statuses.Keys, s => s is >= 400 and < 500);

        using var valid = Built(guard, destination, RpcBodies[0]);
        var (status, text) = await PostAsync(http, valid.Body, valid, Token);
        Assert.True(status == 200, $"a valid onion request after the fuzz run: {status} {text}");
    }

    private static OnionRequest Built(ServiceNode guard, ServiceNode destination, byte[] rpc) =>
        OnionRequestBuilder.ForNode([guard], destination, rpc);

    /// <summary>
    /// POSTs an onion body; the status is the relay's, or (when <paramref name="request"/> is given and the relay
    /// answered 200) the destination's status inside the decrypted answer.
    /// </summary>
    private static async Task<(int Status, string Text)> PostAsync(HttpClient http, byte[] body, OnionRequest? request, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        using var response = await http.PostAsync("/onion_req/v2", content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (request is null || status != 200)
            return (status, Encoding.UTF8.GetString(bytes));
        var answer = OnionResponseReader.Read(status, bytes, request);
        return answer.Kind == OnionResponseKind.Reply ? (answer.Status, Encoding.UTF8.GetString(answer.Body)) : (status, answer.ToString());
    }

    /// <summary>The 5xx a relay documents (Session's texts); the generic "Internal error" 500 is never one.</summary>
    private static bool Documented(int status, string text) =>
        status is 502 or 503 or 504 || (status == 500 && text.Contains("Invalid response", StringComparison.Ordinal));

    private static byte[] Layer(X25519PublicKey node, byte[] plaintext, out HopKey key)
    {
        using var ephemeral = X25519KeyPair.Generate();
        if (!HopKey.TryForClient(ephemeral, node, OnionEncryptionType.XChaCha20, out var made))
            throw new InvalidOperationException("the node's key is a low-order point");
        key = made;
        return OnionFrame.Build(key.Encrypt(plaintext), new GuardRequest(ephemeral.PublicKey, OnionEncryptionType.XChaCha20).ToJson());
    }
}
