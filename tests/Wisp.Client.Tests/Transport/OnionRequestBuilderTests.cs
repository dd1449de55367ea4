using System.Text;
using System.Text.Json;
using Wisp.Client.Paths;
using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Client.Tests.Transport;

/// <summary>
/// Builds requests and takes them apart the way each hop does, with the shared decoders of Wisp.Protocol and
/// Wisp.Crypto (OnionFrame, OnionLayerClassifier, HopKey): every layer opens only for its node, names the next node,
/// and the destination finds the RPC exactly as sent.
/// </summary>
public sealed class OnionRequestBuilderTests : IDisposable
{
    private static readonly byte[] Rpc = Encoding.UTF8.GetBytes("{\"method\":\"info\",\"params\":{}}");

    private readonly Ed25519KeyPair[] _keys = [.. Enumerable.Range(0, 4).Select(TestNodes.Keys)];

    private ServiceNode[] Path => [.. _keys.Take(3).Select((k, i) => TestNodes.Node(k, 30_000 + i))];

    private ServiceNode Destination => TestNodes.Node(_keys[3], 30_003);

    public void Dispose()
    {
        foreach (var key in _keys) key.Dispose();
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public void EachHopOpensItsLayerAndTheDestinationGetsTheRpc(OnionEncryptionType encryption)
    {
        using var request = OnionRequestBuilder.ForNode(Path, Destination, Rpc, encryption);

        var body = request.Body;
        var ephemeralKeys = new HashSet<string>();
        for (var hop = 0; hop < 3; hop++)
        {
            using var layer = Peel(body, _keys[hop], encryption, ephemeralKeys);
            var relay = Assert.IsType<RelayToNodeInstruction>(layer.Instruction);
            Assert.Equal(_keys[hop + 1].PublicKey, relay.Destination);
            Assert.Equal(encryption, relay.Encryption);
            // What the relay forwards: the inner ciphertext under the next ephemeral key.
            body = OnionFrame.Build(layer.Inner.Ciphertext.Span, new GuardRequest(relay.EphemeralKey, relay.Encryption, hop + 1).ToJson());
        }

        using var destination = Peel(body, _keys[3], encryption, ephemeralKeys);
        var instruction = Assert.IsType<DestinationInstruction>(destination.Instruction);
        Assert.True(instruction.Base64);
        Assert.Equal(Rpc, destination.Inner.Ciphertext.ToArray());
        Assert.Equal(4, ephemeralKeys.Count);
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public void TheDestinationsReplyDecryptsWithTheRequestsReplyKey(OnionEncryptionType encryption)
    {
        using var request = OnionRequestBuilder.ForNode(Path, Destination, Rpc, encryption);
        using var destinationKey = PeelToDestination(request.Body, encryption);

        var reply = destinationKey.Encrypt(Encoding.UTF8.GetBytes("{\"status\":200,\"body\":\"{\\\"t\\\":1700000000000}\"}"));
        var response = OnionResponseReader.Read(200, Encoding.ASCII.GetBytes(Convert.ToBase64String(reply)), request);

        Assert.Equal(OnionResponseKind.Reply, response.Kind);
        Assert.Equal(200, response.Status);
        Assert.Equal("{\"t\":1700000000000}", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void ARawReplyIsAskedForAndRead()
    {
        using var request = OnionRequestBuilder.ForNode(Path, Destination, Rpc, base64Reply: false);
        Assert.Equal(OnionReplyEncoding.RawJson, request.ReplyEncoding);
        using var destinationKey = PeelToDestination(request.Body, OnionEncryptionType.XChaCha20, expectBase64: false);

        var response = OnionResponseReader.Read(200, destinationKey.Encrypt("{\"status\":421,\"body\":\"x\"}"u8), request);

        Assert.Equal(421, response.Status);
        Assert.Equal("x"u8.ToArray(), response.Body);
    }

    [Fact]
    public void TheGuardsLayerDoesNotOpenForAnyOtherNode()
    {
        using var request = OnionRequestBuilder.ForNode(Path, Destination, Rpc);
        var frame = OnionFrame.Parse(request.Body);
        var guard = OnionLayerClassifier.ParseGuardRequest(frame.Frame.Json.Span).Value!;

        foreach (var other in _keys.Skip(1))
        {
            Assert.True(HopKey.TryForNode(other, guard.EphemeralKey, guard.Encryption, out var key));
            using (key)
                Assert.False(key.TryDecrypt(frame.Frame.Ciphertext.Span, out _));
        }
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public void AServerRequestReachesTheServerAsV4AndItsReplyDecrypts(OnionEncryptionType encryption)
    {
        using var serverKeys = X25519KeyPair.Generate();
        var server = new OnionServer("files.example", 443, "https", serverKeys.PublicKey);
        var v4 = new OnionV4Request("POST", "/file", new Dictionary<string, string> { ["content-type"] = "application/json" }, "{\"a\":1}"u8.ToArray());
        using var request = OnionRequestBuilder.ForServer(Path, server, v4, encryption);

        var body = request.Body;
        var keys = new HashSet<string>();
        for (var hop = 0; hop < 2; hop++)
        {
            using var layer = Peel(body, _keys[hop], encryption, keys);
            var relay = Assert.IsType<RelayToNodeInstruction>(layer.Instruction);
            body = OnionFrame.Build(layer.Inner.Ciphertext.Span, new GuardRequest(relay.EphemeralKey, relay.Encryption, hop + 1).ToJson());
        }
        using var last = Peel(body, _keys[2], encryption, keys);
        var toServer = Assert.IsType<RelayToServerInstruction>(last.Instruction);
        Assert.Equal(("files.example", (ushort)443, "https", OnionServer.V4Target), (toServer.Host, toServer.Port, toServer.Protocol, toServer.Target));
        Assert.True(toServer.IsTargetAllowed);

        // The server gets the last node's whole plaintext and opens it with its own key.
        var atServer = OnionFrame.Parse(last.Plaintext).Frame;
        Assert.True(HopKey.TryForNode(serverKeys, toServer.EphemeralKey!, encryption, out var serverKey));
        using (serverKey)
        {
            Assert.True(serverKey.TryDecrypt(atServer.Ciphertext.Span, out var payload));
            var decoded = OnionV4Codec.DecodeRequest(payload).Value!;
            Assert.Equal(("POST", "/file"), (decoded.Method, decoded.Endpoint));
            Assert.Equal("{\"a\":1}"u8.ToArray(), decoded.Body!.Value.ToArray());

            var reply = serverKey.Encrypt(OnionV4Codec.EncodeResponse(new OnionV4Response(201, new Dictionary<string, string>(), "ok"u8.ToArray())));
            var response = OnionResponseReader.Read(200, reply, request);
            Assert.Equal((OnionResponseKind.Reply, 201), (response.Kind, response.Status));
            Assert.Equal("ok"u8.ToArray(), response.Body);
        }
    }

    [Fact]
    public void AServerTargetRelaysWouldRefuseIsRefusedHere()
    {
        using var serverKeys = X25519KeyPair.Generate();
        var server = new OnionServer("example.org", 443, "https", serverKeys.PublicKey, Target: "/admin");
        var v4 = new OnionV4Request("GET", "/", new Dictionary<string, string>(), null);

        var error = Assert.Throws<ArgumentException>(() => OnionRequestBuilder.ForServer(Path, server, v4));
        Assert.Contains("/lsrpc", error.Message);
    }

    [Fact]
    public void AnEmptyPathIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnionRequestBuilder.ForNode([], Destination, Rpc));
        Assert.Equal("path", error.ParamName);
    }

    /// <summary>Takes one layer off <paramref name="body"/> as a relay does.</summary>
    private static PeeledForTest Peel(byte[] body, Ed25519KeyPair node, OnionEncryptionType encryption, HashSet<string> ephemeralKeys)
    {
        var outer = OnionFrame.Parse(body);
        Assert.True(outer.Ok, outer.Describe());
        var guard = OnionLayerClassifier.ParseGuardRequest(outer.Frame.Json.Span);
        Assert.True(guard.Ok, guard.Detail);
        Assert.Equal(encryption, guard.Value!.Encryption);
        Assert.True(ephemeralKeys.Add(guard.Value.EphemeralKey.ToHex()), "every layer has its own ephemeral key");
        Assert.True(HopKey.TryForNode(node, guard.Value.EphemeralKey, encryption, out var key));
        Assert.True(key.TryDecrypt(outer.Frame.Ciphertext.Span, out var plaintext));
        var inner = OnionFrame.Parse(plaintext);
        Assert.True(inner.Ok, inner.Describe());
        var instruction = OnionLayerClassifier.Classify(inner.Frame.Json.Span);
        Assert.True(instruction.Ok, instruction.Detail);
        return new PeeledForTest(key, plaintext, inner.Frame, instruction.Value!);
    }

    private HopKey PeelToDestination(byte[] body, OnionEncryptionType encryption, bool expectBase64 = true)
    {
        var keys = new HashSet<string>();
        for (var hop = 0; hop < 3; hop++)
        {
            using var layer = Peel(body, _keys[hop], encryption, keys);
            var relay = (RelayToNodeInstruction)layer.Instruction;
            body = OnionFrame.Build(layer.Inner.Ciphertext.Span, new GuardRequest(relay.EphemeralKey, relay.Encryption, hop + 1).ToJson());
        }
        var destination = Peel(body, _keys[3], encryption, keys);
        Assert.Equal(expectBase64, ((DestinationInstruction)destination.Instruction).Base64);
        return destination.Key;
    }

    private sealed record PeeledForTest(HopKey Key, byte[] Plaintext, OnionFrame Inner, OnionInstruction Instruction) : IDisposable
    {
        public void Dispose() => Key.Dispose();
    }
}
