using System.Text.Json;
using CsCheck;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Protocol.Tests.Onion;

public sealed class OnionLayerClassifierTests
{
    private const string KeyHex = "0000111122223333444455556666777788889999000011112222333344445555";
    private const string NodeHex = "ffffeeeeddddccccbbbbaaaa9999888877776666555544443333222211110000";

    private static JsonDocument StorageServerVectors() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "session-storage-server", "onion_inner_requests.json")));

    public static TheoryData<string> StorageServerCaseNames()
    {
        using var doc = StorageServerVectors();
        var data = new TheoryData<string>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(StorageServerCaseNames))]
    public void Storage_server_inner_requests_classify_the_same_way(string name)
    {
        using var doc = StorageServerVectors();
        var root = doc.RootElement;
        var c = root.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var layer = Convert.FromHexString(root.GetProperty("prefix_hex").GetString()!)
            .Concat(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("ciphertext").GetString()!))
            .Concat(System.Text.Encoding.UTF8.GetBytes(c.GetProperty("json").GetString()!))
            .ToArray();

        var frame = OnionFrame.Parse(layer);
        Assert.True(frame.Ok, frame.Describe());
        Assert.Equal(root.GetProperty("ciphertext").GetString(), System.Text.Encoding.UTF8.GetString(frame.Frame.Ciphertext.Span));
        var result = OnionLayerClassifier.Classify(frame.Frame.Json.Span);
        Assert.True(result.Ok, result.Detail);

        switch (c.GetProperty("kind").GetString())
        {
            case "destination":
                Assert.Equal(new DestinationInstruction(Base64: true, Json: false), result.Value);
                break;
            case "server":
                var server = Assert.IsType<RelayToServerInstruction>(result.Value);
                Assert.Equal(c.GetProperty("host").GetString(), server.Host);
                Assert.Equal(c.GetProperty("port").GetInt32(), server.Port);
                Assert.Equal(c.GetProperty("protocol").GetString(), server.Protocol);
                Assert.Equal(c.GetProperty("target").GetString(), server.Target);
                Assert.False(server.IsTargetAllowed);
                break;
            case "node":
                var node = Assert.IsType<RelayToNodeInstruction>(result.Value);
                Assert.Equal(c.GetProperty("destination").GetString(), node.Destination.ToHex());
                Assert.Equal(c.GetProperty("ephemeral_key").GetString(), node.EphemeralKey.ToHex());
                Assert.Equal(c.GetProperty("enc_type").GetString(), node.Encryption.ToJsonName());
                break;
            default:
                Assert.Fail($"unknown kind in vector {name}");
                break;
        }
    }

    [Fact]
    public void Server_targets_are_filtered_as_the_storage_server_does()
    {
        using var doc = StorageServerVectors();
        foreach (var target in doc.RootElement.GetProperty("allowed_targets").EnumerateArray())
            Assert.True(OnionTargets.IsAllowedServerTarget(target.GetString()!), target.GetString());
        foreach (var target in doc.RootElement.GetProperty("refused_targets").EnumerateArray())
            Assert.False(OnionTargets.IsAllowedServerTarget(target.GetString()!), target.GetString());
    }

    [Fact]
    public void Destination_options_are_read()
    {
        var result = OnionLayerClassifier.Classify("""{"headers":{},"base64":false,"json":true}"""u8);

        Assert.Equal(new DestinationInstruction(Base64: false, Json: true), result.Value);
    }

    [Fact]
    public void Headers_win_over_host_and_destination()
    {
        var result = OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes($$"""{"host":"h","target":"/oxen/v4/lsrpc","destination":"{{NodeHex}}","headers":null}"""));

        Assert.IsType<DestinationInstruction>(result.Value);
    }

    [Fact]
    public void Relay_to_node_json_is_written_in_session_key_order()
    {
        var instruction = new RelayToNodeInstruction(Ed25519PublicKey.FromHex(NodeHex), X25519PublicKey.FromHex(KeyHex), OnionEncryptionType.XChaCha20);

        Assert.Equal(
            $$"""{"destination":"{{NodeHex}}","ephemeral_key":"{{KeyHex}}","enc_type":"xchacha20"}""",
            System.Text.Encoding.UTF8.GetString(instruction.ToJson()));
    }

    [Fact]
    public void Relay_to_server_json_is_written_in_session_key_order()
    {
        var instruction = new RelayToServerInstruction("files.example", "/oxen/v4/lsrpc", 443, "https", "POST", X25519PublicKey.FromHex(KeyHex), OnionEncryptionType.XChaCha20);

        Assert.Equal(
            $$"""{"host":"files.example","target":"/oxen/v4/lsrpc","port":443,"protocol":"https","method":"POST","ephemeral_key":"{{KeyHex}}","enc_type":"xchacha20"}""",
            System.Text.Encoding.UTF8.GetString(instruction.ToJson()));
    }

    [Fact]
    public void Every_instruction_round_trips_through_its_json()
    {
        OnionInstruction[] instructions =
        [
            new RelayToNodeInstruction(Ed25519PublicKey.FromHex(NodeHex), X25519PublicKey.FromHex(KeyHex), OnionEncryptionType.AesGcm),
            new RelayToNodeInstruction(Ed25519PublicKey.FromHex(NodeHex), X25519PublicKey.FromHex(KeyHex), OnionEncryptionType.XChaCha20),
            new DestinationInstruction(),
            new DestinationInstruction(Base64: false, Json: true),
            new RelayToServerInstruction("h", "/loki/v3/lsrpc"),
            new RelayToServerInstruction("h", "/oxen/v4/lsrpc", 8080, "http", "GET", X25519PublicKey.FromHex(KeyHex), OnionEncryptionType.XChaCha20),
        ];

        foreach (var instruction in instructions)
            Assert.Equal(instruction, OnionLayerClassifier.Classify(instruction.ToJson()).Value);
    }

    [Fact]
    public void Guard_requests_round_trip_through_their_json()
    {
        var guard = new GuardRequest(X25519PublicKey.FromHex(KeyHex), OnionEncryptionType.XChaCha20, 3);

        Assert.Equal(guard, OnionLayerClassifier.ParseGuardRequest(guard.ToJson()).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"headers\"")]
    [InlineData("null")]
    [InlineData("{\"host\":\"h\",\"target\":\"/loki/v3/lsrpc\",\"port\":\"80\"}")]
    [InlineData("{\"headers\":\"\",\"base64\":\"no\"}")]
    [InlineData("{\"headers\":\"\"} trailing")]
    [InlineData("{\"host\":\"a\",\"host\":\"b\",\"target\":\"/loki/v3/lsrpc\"}")]
    public void Garbage_is_invalid_json(string json)
    {
        Assert.Equal(OnionControlError.InvalidJson, OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Fact]
    public void Invalid_utf8_is_invalid_json()
    {
        byte[] json = [.. "{\"host\":\""u8, 0xff, 0xfe, .. "\"}"u8];

        Assert.Equal(OnionControlError.InvalidJson, OnionLayerClassifier.Classify(json).Error);
    }

    [Fact]
    public void Nesting_beyond_the_cap_is_invalid_json()
    {
        var deep = "{\"headers\":" + new string('[', OnionLimits.MaxJsonDepth + 1) + new string(']', OnionLimits.MaxJsonDepth + 1) + "}";

        Assert.Equal(OnionControlError.InvalidJson, OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(deep)).Error);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"ephemeral_key\":\"" + KeyHex + "\"}")]
    public void An_object_without_a_marking_key_is_unrecognized(string json)
    {
        Assert.Equal(OnionControlError.Unrecognized, OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Theory]
    [InlineData("{\"destination\":\"" + NodeHex + "\"}")]
    [InlineData("{\"host\":\"h\"}")]
    [InlineData("{\"host\":\"\",\"target\":\"/loki/v3/lsrpc\"}")]
    public void A_missing_field_is_named(string json)
    {
        var result = OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(OnionControlError.MissingField, result.Error);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Theory]
    [InlineData("{\"destination\":\"abcd\",\"ephemeral_key\":\"" + KeyHex + "\"}")]
    [InlineData("{\"destination\":\"" + NodeHex + "\",\"ephemeral_key\":\"zz00111122223333444455556666777788889999000011112222333344445555\"}")]
    [InlineData("{\"host\":\"h\",\"target\":\"/loki/v3/lsrpc\",\"ephemeral_key\":\"00\"}")]
    public void A_bad_key_is_refused(string json)
    {
        Assert.Equal(OnionControlError.InvalidKey, OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Fact]
    public void An_unknown_encryption_is_refused()
    {
        var json = $$"""{"destination":"{{NodeHex}}","ephemeral_key":"{{KeyHex}}","enc_type":"rot13"}""";

        Assert.Equal(OnionControlError.UnknownEncryption, OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void A_port_out_of_range_is_refused(int port)
    {
        var json = $$"""{"host":"h","target":"/loki/v3/lsrpc","port":{{port}}}""";

        Assert.Equal(OnionControlError.InvalidPort, OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Fact]
    public void A_protocol_other_than_http_is_refused()
    {
        Assert.Equal(
            OnionControlError.UnsupportedProtocol,
            OnionLayerClassifier.Classify("""{"host":"h","target":"/loki/v3/lsrpc","protocol":"ftp"}"""u8).Error);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(OnionLimits.MaxHops + 1)]
    public void A_guard_request_with_a_hop_number_out_of_range_is_refused(int hop)
    {
        var json = $$"""{"ephemeral_key":"{{KeyHex}}","enc_type":"xchacha20","hop_no":{{hop}}}""";

        Assert.Equal(OnionControlError.TooManyHops, OnionLayerClassifier.ParseGuardRequest(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Fact]
    public void A_guard_request_without_a_key_is_refused()
    {
        Assert.Equal(OnionControlError.MissingField, OnionLayerClassifier.ParseGuardRequest("""{"enc_type":"aes-gcm"}"""u8).Error);
    }

    [Fact]
    public void A_guard_request_that_is_not_json_is_refused()
    {
        Assert.Equal(OnionControlError.InvalidJson, OnionLayerClassifier.ParseGuardRequest("{"u8).Error);
    }

    [Fact]
    public void A_guard_request_with_an_unknown_encryption_is_refused()
    {
        var json = $$"""{"ephemeral_key":"{{KeyHex}}","enc_type":"des"}""";

        Assert.Equal(OnionControlError.UnknownEncryption, OnionLayerClassifier.ParseGuardRequest(System.Text.Encoding.UTF8.GetBytes(json)).Error);
    }

    [Fact]
    public void A_guard_request_with_a_bad_key_is_refused()
    {
        Assert.Equal(OnionControlError.InvalidKey, OnionLayerClassifier.ParseGuardRequest("""{"ephemeral_key":"xyz"}"""u8).Error);
    }

    [Theory]
    [InlineData(null, OnionEncryptionType.AesGcm)]
    [InlineData("gcm", OnionEncryptionType.AesGcm)]
    [InlineData("xchacha20-poly1305", OnionEncryptionType.XChaCha20)]
    public void Encryption_aliases_are_accepted(string? name, OnionEncryptionType expected)
    {
        Assert.True(EncTypeNames.TryParse(name, out var encryption));
        Assert.Equal(expected, encryption);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 100].Sample(bytes =>
        {
            var result = OnionLayerClassifier.Classify(bytes);
            Assert.Equal(result.Ok, result.Value is not null);
            var guard = OnionLayerClassifier.ParseGuardRequest(bytes);
            Assert.Equal(guard.Ok, guard.Value is not null);
        }, iter: 5000);
    }

    [Fact]
    public void Random_json_like_text_never_throws()
    {
        var keys = Gen.OneOf("headers", "host", "target", "port", "protocol", "destination", "ephemeral_key", "enc_type", "hop_no", "base64", "json");
        var values = Gen.OneOf("\"\"", "1", "-1", "true", "null", "{}", "[]", "\"/oxen/v4/lsrpc\"", "\"" + KeyHex + "\"", "1e99", "\"\\ud800\"");
        Gen.Select(keys, values).Array[0, 6].Sample(pairs =>
        {
            var json = "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}";
            var result = OnionLayerClassifier.Classify(System.Text.Encoding.UTF8.GetBytes(json));
            Assert.Equal(result.Ok, result.Value is not null);
        });
    }
}
