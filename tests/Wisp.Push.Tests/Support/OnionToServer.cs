using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Push.Tests.Support;

/// <summary>The last onion layer to a server as a client builds it: the v4 request encrypted to the server's X25519 key.</summary>
internal static class OnionToServer
{
    public static (byte[] Body, HopKey ReplyKey) Layer(X25519PublicKey server, OnionV4Request request)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, server, OnionEncryptionType.XChaCha20, out var key));
        var ciphertext = key.Encrypt(OnionV4Codec.EncodeRequest(request));
        var instruction = new RelayToServerInstruction("127.0.0.1", "/oxen/v4/lsrpc", 80, "http", "POST", ephemeral.PublicKey, OnionEncryptionType.XChaCha20);
        return (OnionFrame.Build(ciphertext, instruction.ToJson()), key);
    }

    public static OnionV4Response Open(HopKey key, byte[] answer)
    {
        Assert.True(key.TryDecrypt(answer, out var plaintext), "the answer does not decrypt with the request's key");
        var decoded = OnionV4Codec.DecodeResponse(plaintext);
        Assert.True(decoded.Ok, decoded.Detail);
        return decoded.Value!;
    }
}
