using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// What the destination of an onion request sends back: request_handler.cpp <c>wrap_proxy_response</c> —
/// <c>{"status": N, "body": …}</c> encrypted with the last layer's key, base64 unless the client said
/// <c>"base64": false</c>; a text body as a string; a JSON body dumped into a string, or embedded as JSON when the
/// client said <c>"json": true</c>. The status and body inside are the ones the same request gets over HTTPS.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class OnionWrapTests(ConformanceNetwork net)
{
    public static readonly TheoryData<string> Modes = ["default", "base64 false", "json true", "aes-gcm"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task TheDestinationWrapsTheSameStatusAndBodyItAnswersOverHttps(string mode)
    {
        using var account = SessionAccount.NewSessionId();
        var now = Clock.NowMs();
        var absent = Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var requests = new[]
        {
            Rpc.Body("nope", new JsonObject()),
            Rpc.Body("retrieve", new JsonObject { ["pubkey"] = account.Pubkey }),
            Rpc.Body("get_expiries", account.Signed(ClientSigns.GetExpiries(now, absent), new() { ["timestamp"] = now, ["messages"] = new JsonArray(absent) })),
        };
        var (instruction, encryption) = mode switch
        {
            "base64 false" => (new DestinationInstruction(Base64: false), OnionEncryptionType.XChaCha20),
            "json true" => (new DestinationInstruction(Json: true), OnionEncryptionType.XChaCha20),
            "aes-gcm" => (new DestinationInstruction(), OnionEncryptionType.AesGcm),
            _ => (new DestinationInstruction(), OnionEncryptionType.XChaCha20),
        };
        var destination = net.Nodes[^1];

        foreach (var body in requests)
        {
            var direct = await net.CallAsync(Via.Https, body, destination);
            var reply = await net.Wire.OnionAsync(net.PathTo(destination), destination, body, instruction, encryption, TestContext.Current.CancellationToken);

            var wrapper = Expect.Json(reply.Plaintext, "the onion reply");
            Expect.Keys(wrapper, "body", "status");
            Assert.Equal(direct.Status, wrapper.GetProperty("status").GetInt32());
            var inner = wrapper.GetProperty("body");
            if (direct.MediaType == "text/plain")
            {
                Assert.Equal(direct.Body, inner.GetString());
            }
            else
            {
                // Two requests, two clocks: a "t" (where a node adds one) may differ; everything else may not.
                var expected = WithoutTime(direct.Body);
                Assert.Equal(instruction.Json ? JsonValueKind.Object : JsonValueKind.String, inner.ValueKind);
                var actual = WithoutTime(instruction.Json ? inner.GetRawText() : inner.GetString()!);
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{direct} vs {inner.GetRawText()}");
            }
        }
    }

    private static JsonNode? WithoutTime(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is JsonObject map)
            map.Remove("t");
        return node;
    }
}
