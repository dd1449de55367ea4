using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.Admission;
using Wisp.Node.NodeLinks;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Testing;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>Every relay failure at every hop: the right status, Session's text for it, and no hang.</summary>
public sealed class OnionRelayErrorTests(OnionNetworkFixture fixture) : IClassFixture<OnionNetworkFixture>
{
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("""{"method":"info","params":{}}""");
    private readonly OnionNetwork _network = fixture.Network;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task An_unknown_next_node_is_502_naming_it_and_relayed_back_unchanged(int unknownAt)
    {
        var path = _network.Path(0, 1, 2, 3).ToList();
        path[unknownAt] = OnionTarget.Random();
        using var request = OnionRequestBuilder.Build(path, OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(502, status);
        Assert.Equal($"Next node not found: {path[unknownAt].Ed25519.ToHex()}", body);
    }

    [Fact]
    public async Task Garbage_ciphertext_is_400_invalid_ciphertext()
    {
        using var ephemeral = X25519KeyPair.Generate();
        var body = OnionFrame.Build(RandomNumberGenerator.GetBytes(300), new GuardRequest(ephemeral.PublicKey, OnionEncryptionType.XChaCha20).ToJson());

        var (status, text) = await _network.SendAsync(0, body);

        Assert.Equal(400, status);
        Assert.Equal(OnionErrors.InvalidCiphertext, text);
    }

    [Fact]
    public async Task A_layer_for_another_node_is_400_invalid_ciphertext()
    {
        // Encrypted to node 1's key but sent to node 0.
        using var request = OnionRequestBuilder.Build(_network.Path(1, 2, 3), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.AesGcm]);

        var (status, text) = await _network.SendAsync(0, request.Body);

        Assert.Equal(400, status);
        Assert.Equal(OnionErrors.InvalidCiphertext, text);
    }

    [Fact]
    public async Task A_tampered_inner_layer_fails_at_the_hop_that_owns_it()
    {
        // The guard's layer is intact; the layer it forwards to node 1 is not, so node 1 refuses it and the guard relays that.
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, _network.Target(0).X25519, OnionEncryptionType.XChaCha20, out var guardKey));
        using (guardKey)
        {
            var forNode1 = OnionFrame.Build(RandomNumberGenerator.GetBytes(200),
                new RelayToNodeInstruction(_network.Target(1).Ed25519, ephemeral.PublicKey, OnionEncryptionType.XChaCha20).ToJson());
            var body = OnionFrame.Build(guardKey.Encrypt(forNode1), new GuardRequest(ephemeral.PublicKey, OnionEncryptionType.XChaCha20).ToJson());

            var (status, text) = await _network.SendAsync(0, body);

            Assert.Equal(400, status);
            Assert.Equal(OnionErrors.InvalidCiphertext, text);
        }
    }

    public static TheoryData<string, byte[]> BadFrames => new()
    {
        { "empty", [] },
        { "truncated length prefix", [0x10, 0x00] },
        { "length past the end", [.. BitConverter.GetBytes(1000), .. "{}"u8.ToArray()] },
        { "length 0xFFFFFFFF", [0xFF, 0xFF, 0xFF, 0xFF, .. "{}"u8.ToArray()] },
        { "no json after the ciphertext", [3, 0, 0, 0, 1, 2, 3] },
        { "json that is not json", [1, 0, 0, 0, 9, .. "{not json"u8.ToArray()] },
        { "json without ephemeral_key", [1, 0, 0, 0, 9, .. """{"enc_type":"xchacha20"}"""u8.ToArray()] },
        { "unknown enc_type", [1, 0, 0, 0, 9, .. Encoding.UTF8.GetBytes($$"""{"ephemeral_key":"{{new string('1', 64)}}","enc_type":"rot13"}""")] },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task A_bad_frame_or_control_object_is_400(string what, byte[] body)
    {
        var (status, text) = await _network.SendAsync(0, body);

        Assert.True(status == 400, $"{what}: {status}");
        Assert.StartsWith("Error parsing onion request: ", text);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0 }, "Error parsing onion request: Unexpected payload size; expected ciphertext size")]
    [InlineData(new byte[] { 0xE8, 0x03, 0, 0, (byte)'{', (byte)'}' }, "Error parsing onion request: Unexpected payload size 2, expected >= 1000")]
    public async Task A_frame_Session_cannot_split_gets_Sessions_words(byte[] body, string expected)
    {
        var (status, text) = await _network.SendAsync(0, body);

        Assert.Equal((400, expected), (status, text));
    }

    [Fact]
    public async Task A_low_order_ephemeral_key_is_400_invalid_ciphertext()
    {
        // The all-zero point: no secret can be agreed with it.
        var body = OnionFrame.Build(RandomNumberGenerator.GetBytes(64), new GuardRequest(new X25519PublicKey(new byte[32]), OnionEncryptionType.XChaCha20).ToJson());

        var (status, text) = await _network.SendAsync(0, body);

        Assert.Equal(400, status);
        Assert.Equal(OnionErrors.InvalidCiphertext, text);
    }

    [Fact]
    public async Task Garbage_json_inside_the_destination_layer_is_an_encrypted_400()
    {
        var notALayer = Encoding.UTF8.GetBytes("this is not [N][ciphertext]{json}");
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1, 2, 3), notALayer, [OnionEncryptionType.XChaCha20]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        Assert.Equal(400, reply.GetProperty("status").GetInt32());
        Assert.Equal(OnionErrors.InvalidJson, reply.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_layer_with_no_known_action_is_an_encrypted_400()
    {
        var unknown = OnionFrame.Build(Info, """{"something":"else"}"""u8);
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), unknown, [OnionEncryptionType.AesGcm]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        Assert.Equal(400, reply.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_oversized_body_is_413_from_the_host_cap()
    {
        // Declared larger than 10 MiB: refused before a byte of it is read (HttpClient cannot be made to stop sending).
        await using var connection = await RawHttps.ConnectAsync(_network.Nodes[0]);
        await connection.SendAsync(
            $"POST {NodeToNodeClient.Route} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {OnionLimits.MaxRequestBytes + 1}\r\n\r\n");

        var (status, text) = await connection.ReadResponseAsync();

        Assert.Equal(413, status);
        Assert.Equal(EdgeRefusals.BodyTooLarge, text);
    }

    [Fact]
    public async Task A_body_that_grows_past_10_MiB_without_declaring_it_is_413()
    {
        await using var connection = await RawHttps.ConnectAsync(_network.Nodes[0]);
        await connection.SendAsync($"POST {NodeToNodeClient.Route} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
        var chunk = new string('A', 1024 * 1024);
        try
        {
            for (var i = 0; i <= OnionLimits.MaxRequestBytes / chunk.Length; i++)
                await connection.SendAsync($"{chunk.Length:X}\r\n{chunk}\r\n");
        }
        catch (IOException)
        {
            // The node may answer and close before the last chunk is written.
        }

        var (status, text) = await connection.ReadResponseAsync();

        Assert.Equal(413, status);
        Assert.Equal("Request body too large", text);
    }

    [Fact]
    public async Task A_body_above_the_storage_cap_but_within_the_onion_cap_is_accepted()
    {
        // 3 MiB: more than a storage RPC body may be, well within an onion request (a file upload through a path).
        var padding = new byte[3 * 1024 * 1024];
        var rpc = Encoding.UTF8.GetBytes("""{"method":"info","params":{"pad":""" + "\"" + Convert.ToBase64String(padding)[..(3 * 1024 * 1024)] + "\"}}");
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForDestination(rpc), [OnionEncryptionType.XChaCha20]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        Assert.NotNull(OnionRequestBuilder.OpenBase64(request.LastKey, body));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-1)]
    public async Task A_hop_number_outside_0_to_15_is_refused(int hopNumber)
    {
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);
        var body = WithHopNumber(request.Body, hopNumber);

        var (status, text) = await _network.SendAsync(0, body);

        Assert.Equal(400, status);
        Assert.Equal(OnionErrors.TooManyHops, text);
    }

    [Fact]
    public async Task Hop_15_may_be_a_destination_but_may_not_forward()
    {
        using var last = OnionRequestBuilder.Build(_network.Path(0), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20], hopNumber: 15);
        var (lastStatus, _) = await _network.SendAsync(0, last.Body);
        Assert.Equal(200, lastStatus);

        using var forwarding = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20], hopNumber: 15);
        var (status, text) = await _network.SendAsync(0, forwarding.Body);
        Assert.Equal(400, status);
        Assert.Equal(OnionErrors.TooManyHops, text);
    }

    [Fact]
    public async Task A_loop_of_nodes_ends_at_hop_15()
    {
        // 20 layers bouncing between nodes 0 and 1: the 16th forward is refused and the refusal travels back.
        var path = Enumerable.Range(0, 20).Select(i => _network.Target(i % 2)).ToList();
        using var request = OnionRequestBuilder.Build(path, OnionRequestBuilder.ForDestination(Info), [OnionEncryptionType.XChaCha20]);
        _network.ClearObservations();

        var (status, text) = await _network.SendAsync(0, request.Body);

        Assert.Equal(400, status);
        Assert.Equal(OnionErrors.TooManyHops, text);
        var hops = _network.Observers.SelectMany(observer => observer.Seen).Select(seen => seen.HopNumber).ToList();
        Assert.Equal(Enumerable.Range(0, OnionLimits.MaxHops + 1), hops.Order());
    }

    private static byte[] WithHopNumber(byte[] body, int hopNumber)
    {
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(body);
        var json = JsonDocument.Parse(body.AsMemory(4 + length)).RootElement;
        var rewritten = Encoding.UTF8.GetBytes(
            $$"""{"ephemeral_key":"{{json.GetProperty("ephemeral_key").GetString()}}","enc_type":"{{json.GetProperty("enc_type").GetString()}}","hop_no":{{hopNumber}}}""");
        return OnionFrame.Build(body.AsSpan(4, length), rewritten);
    }
}
