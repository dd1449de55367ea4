using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Files.Tests.Support;

/// <summary>
/// Builds onion requests to a file server the way a client does (Session's layout): the v4 request encrypted to the
/// server's X25519 key under a fresh ephemeral key, framed with the relay instruction the last node reads; and, for a
/// path of one node, that layer encrypted again to the node with the guard's JSON.
/// </summary>
internal static class OnionToServer
{
    /// <summary>The layer the last node posts to the server, and the key its answer is encrypted with.</summary>
    public static (byte[] Layer, HopKey ReplyKey) ServerLayer(
        X25519PublicKey server, OnionV4Request request, int port, OnionEncryptionType encryption = OnionEncryptionType.XChaCha20)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, server, encryption, out var key));
        var ciphertext = key.Encrypt(OnionV4Codec.EncodeRequest(request));
        var instruction = new RelayToServerInstruction("127.0.0.1", "/oxen/v4/lsrpc", (ushort)port, "http", "POST", ephemeral.PublicKey, encryption);
        return (OnionFrame.Build(ciphertext, instruction.ToJson()), key);
    }

    /// <summary>The guard's body for a one-node path whose node relays <paramref name="serverLayer"/> to the server.</summary>
    public static byte[] ThroughNode(X25519PublicKey node, byte[] serverLayer, OnionEncryptionType encryption = OnionEncryptionType.XChaCha20)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, node, encryption, out var key));
        using (key)
            return OnionFrame.Build(key.Encrypt(serverLayer), new GuardRequest(ephemeral.PublicKey, encryption).ToJson());
    }

    /// <summary>Decrypts and decodes the server's v4 answer.</summary>
    public static OnionV4Response Open(HopKey key, byte[] answer)
    {
        Assert.True(key.TryDecrypt(answer, out var plaintext), "the answer does not decrypt with the request's key");
        var decoded = OnionV4Codec.DecodeResponse(plaintext);
        Assert.True(decoded.Ok, decoded.Detail);
        return decoded.Value!;
    }
}
