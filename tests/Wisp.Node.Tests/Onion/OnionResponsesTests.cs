using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>The destination's reply: <c>{"body","status"}</c> (Session's key order), encrypted once, base64 unless asked otherwise.</summary>
public sealed class OnionResponsesTests : IDisposable
{
    private static readonly byte[] RpcBody = Encoding.UTF8.GetBytes("""{"hash":"abc+/=","t":1700000000000}""");
    private readonly X25519KeyPair _client = X25519KeyPair.Generate();
    private readonly Ed25519KeyPair _node = Ed25519KeyPair.Generate();

    public void Dispose()
    {
        _client.Dispose();
        _node.Dispose();
    }

    [Fact]
    public void The_body_is_a_json_string_by_default_as_session_double_encodes_it()
    {
        var plaintext = OnionResponses.Plaintext(200, RpcBody, bodyIsJson: true, embedJson: false);

        Assert.Equal("""{"body":"{\"hash\":\"abc+/=\",\"t\":1700000000000}","status":200}""", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Json_true_embeds_a_json_body_as_a_value()
    {
        var plaintext = OnionResponses.Plaintext(406, RpcBody, bodyIsJson: true, embedJson: true);

        Assert.Equal("""{"body":{"hash":"abc+/=","t":1700000000000},"status":406}""", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Json_true_with_a_body_that_is_not_json_falls_back_to_a_string()
    {
        var plaintext = OnionResponses.Plaintext(500, "not {json"u8, bodyIsJson: true, embedJson: true);

        Assert.Equal("""{"body":"not {json","status":500}""", Encoding.UTF8.GetString(plaintext));
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public void The_reply_is_base64_of_the_ciphertext_under_the_layer_key(OnionEncryptionType encryption)
    {
        Assert.True(HopKey.TryForNode(_node, _client.PublicKey, encryption, out var nodeKey));
        Assert.True(HopKey.TryForClient(_client, _node.X25519PublicKey, encryption, out var clientKey));
        using (nodeKey)
        using (clientKey)
        {
            var reply = OnionResponses.Encrypt(nodeKey, 200, RpcBody, bodyIsJson: true, new DestinationInstruction());

            Assert.Equal(200, reply.Status);
            Assert.True(clientKey.TryDecrypt(Convert.FromBase64String(Encoding.ASCII.GetString(reply.Body)), out var plaintext));
            var json = JsonDocument.Parse(plaintext).RootElement;
            Assert.Equal(200, json.GetProperty("status").GetInt32());
            Assert.Equal(Encoding.UTF8.GetString(RpcBody), json.GetProperty("body").GetString());
        }
    }

    [Fact]
    public void Base64_false_sends_the_raw_ciphertext()
    {
        Assert.True(HopKey.TryForNode(_node, _client.PublicKey, OnionEncryptionType.XChaCha20, out var nodeKey));
        Assert.True(HopKey.TryForClient(_client, _node.X25519PublicKey, OnionEncryptionType.XChaCha20, out var clientKey));
        using (nodeKey)
        using (clientKey)
        {
            var reply = OnionResponses.Encrypt(nodeKey, 200, RpcBody, bodyIsJson: true, new DestinationInstruction(Base64: false));

            Assert.Equal(OnionReply.OctetStream, reply.ContentType);
            Assert.True(clientKey.TryDecrypt(reply.Body, out _));
        }
    }

    [Fact]
    public void An_encrypted_error_carries_its_status_and_message()
    {
        Assert.True(HopKey.TryForNode(_node, _client.PublicKey, OnionEncryptionType.AesGcm, out var nodeKey));
        Assert.True(HopKey.TryForClient(_client, _node.X25519PublicKey, OnionEncryptionType.AesGcm, out var clientKey));
        using (nodeKey)
        using (clientKey)
        {
            var reply = OnionResponses.EncryptError(nodeKey, 400, OnionErrors.InvalidUrl);

            Assert.Equal(200, reply.Status);
            Assert.True(clientKey.TryDecrypt(Convert.FromBase64String(Encoding.ASCII.GetString(reply.Body)), out var plaintext));
            Assert.Equal("""{"body":"Invalid url","status":400}""", Encoding.UTF8.GetString(plaintext));
        }
    }
}
