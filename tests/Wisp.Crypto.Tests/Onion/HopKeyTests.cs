using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Crypto.Tests.Onion;

public class HopKeyTests
{
    private static readonly System.Text.Json.JsonElement Vectors = PublishedVectors.Load("libsession-util/onionreq.json");

    private static X25519KeyPair Node() => X25519KeyPair.FromSecret(Vectors.Hex("node_secret_key"));

    private static X25519PublicKey Client => new(Vectors.Hex("client_public_key"));

    [Theory]
    [InlineData(OnionEncryptionType.AesGcm, "aes_gcm")]
    [InlineData(OnionEncryptionType.XChaCha20, "xchacha20")]
    public void NodeDecryptsLibsessionHelloWorld(OnionEncryptionType type, string field)
    {
        using var node = Node();
        Assert.True(HopKey.TryForNode(node, Client, type, out var key));
        using (key)
        {
            Assert.True(key.TryDecrypt(Vectors.Hex(field), out var plaintext));
            Assert.Equal(Vectors.Text("plaintext"), Encoding.ASCII.GetString(plaintext));
        }
    }

    [Theory]
    [InlineData(OnionEncryptionType.AesGcm, "aes_gcm_broken")]
    [InlineData(OnionEncryptionType.XChaCha20, "xchacha20_broken")]
    [InlineData(OnionEncryptionType.AesGcm, "xchacha20_broken")]
    public void LibsessionBrokenCiphertextsFail(OnionEncryptionType type, string field)
    {
        using var node = Node();
        Assert.True(HopKey.TryForNode(node, Client, type, out var key));
        foreach (var broken in Vectors.GetProperty(field).EnumerateArray())
        {
            Assert.False(key.TryDecrypt(Convert.FromHexString(broken.GetString()!), out var plaintext));
            Assert.Null(plaintext);
        }
    }

    [Fact]
    public void WrongEncryptionTypeFails()
    {
        using var node = Node();
        Assert.True(HopKey.TryForNode(node, Client, OnionEncryptionType.AesGcm, out var aes));
        Assert.True(HopKey.TryForNode(node, Client, OnionEncryptionType.XChaCha20, out var xchacha));
        Assert.False(aes.TryDecrypt(Vectors.Hex("xchacha20"), out _));
        Assert.False(xchacha.TryDecrypt(Vectors.Hex("aes_gcm"), out _));
    }

    [Theory]
    [InlineData(OnionEncryptionType.AesGcm, 12 + 16)]
    [InlineData(OnionEncryptionType.XChaCha20, 24 + 16)]
    public void ClientAndNodeDeriveTheSameKeyBothWays(OnionEncryptionType type, int overhead)
    {
        using var ephemeral = X25519KeyPair.Generate();
        using var node = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, node.PublicKey, type, out var clientKey));
        Assert.True(HopKey.TryForNode(node, ephemeral.PublicKey, type, out var nodeKey));

        var request = clientKey.Encrypt("Hello world"u8);
        Assert.Equal(11 + overhead, request.Length);
        Assert.Equal(overhead, HopKey.Overhead(type));
        Assert.True(nodeKey.TryDecrypt(request, out var received));
        Assert.Equal("Hello world"u8.ToArray(), received);

        var reply = nodeKey.Encrypt("Goodbye world"u8);
        Assert.Equal(13 + overhead, reply.Length);
        Assert.True(clientKey.TryDecrypt(reply, out var answer));
        Assert.Equal("Goodbye world"u8.ToArray(), answer);
    }

    [Fact]
    public void NodeCanUseItsEd25519IdentityKey()
    {
        using var ephemeral = X25519KeyPair.Generate();
        using var node = Ed25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, node.X25519PublicKey, OnionEncryptionType.XChaCha20, out var clientKey));
        Assert.True(HopKey.TryForNode(node, ephemeral.PublicKey, OnionEncryptionType.XChaCha20, out var nodeKey));
        Assert.True(nodeKey.TryDecrypt(clientKey.Encrypt("layer"u8), out var plaintext));
        Assert.Equal("layer"u8.ToArray(), plaintext);
    }

    [Fact]
    public void KeyForAnotherNodeFails()
    {
        using var ephemeral = X25519KeyPair.Generate();
        using var node = X25519KeyPair.Generate();
        using var otherNode = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, node.PublicKey, OnionEncryptionType.XChaCha20, out var clientKey));
        Assert.True(HopKey.TryForNode(otherNode, ephemeral.PublicKey, OnionEncryptionType.XChaCha20, out var wrongKey));
        Assert.False(wrongKey.TryDecrypt(clientKey.Encrypt("layer"u8), out _));
    }

    [Fact]
    public void LowOrderEphemeralKeyIsRefused()
    {
        using var node = Node();
        Assert.False(HopKey.TryForNode(node, new X25519PublicKey(new byte[32]), OnionEncryptionType.XChaCha20, out var key));
        Assert.Null(key);
        using var ephemeral = X25519KeyPair.Generate();
        Assert.False(HopKey.TryForClient(ephemeral, new X25519PublicKey(new byte[32]), OnionEncryptionType.AesGcm, out _));
    }

    [Theory]
    [InlineData(OnionEncryptionType.AesGcm)]
    [InlineData(OnionEncryptionType.XChaCha20)]
    public void CiphertextShorterThanOverheadIsFalse(OnionEncryptionType type)
    {
        using var node = Node();
        Assert.True(HopKey.TryForNode(node, Client, type, out var key));
        Assert.False(key.TryDecrypt(new byte[HopKey.Overhead(type) - 1], out _));
        Assert.False(key.TryDecrypt([], out _));
    }

    [Fact]
    public void KeyIsNotPrintableAndUnusableAfterDispose()
    {
        using var node = Node();
        Assert.True(HopKey.TryForNode(node, Client, OnionEncryptionType.XChaCha20, out var key));
        Assert.Equal("HopKey(xchacha20)", key.ToString());
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Encrypt("x"u8));
    }
}
