using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion.Support;

/// <summary>A node as a client names it in a path: its identity key and its onion key.</summary>
internal sealed record OnionTarget(Ed25519PublicKey Ed25519, X25519PublicKey X25519)
{
    public static OnionTarget Of(Ed25519KeyPair keys) => new(keys.PublicKey, keys.X25519PublicKey);

    /// <summary>A node no directory knows.</summary>
    public static OnionTarget Random()
    {
        using var keys = Ed25519KeyPair.Generate();
        return Of(keys);
    }
}

/// <summary>An onion request as a client built it: the body for the guard and each layer's key (to read the reply).</summary>
internal sealed class OnionRequest(byte[] body, IReadOnlyList<HopKey> keys) : IDisposable
{
    public byte[] Body { get; } = body;

    /// <summary>The hop keys, guard first.</summary>
    public IReadOnlyList<HopKey> Keys { get; } = keys;

    /// <summary>The key of the last layer: the destination's (or, for a server, the last hop's).</summary>
    public HopKey LastKey => Keys[^1];

    public void Dispose()
    {
        foreach (var key in Keys) key.Dispose();
    }
}

/// <summary>
/// The test side of a client: builds an onion request from the inside out, a fresh ephemeral X25519 key for every
/// layer, as Session's clients do.
/// </summary>
internal static class OnionRequestBuilder
{
    /// <summary>What the destination decrypts: the RPC body and the "headers" control object.</summary>
    public static byte[] ForDestination(byte[] rpcBody, DestinationInstruction? instruction = null) =>
        OnionFrame.Build(rpcBody, (instruction ?? new DestinationInstruction()).ToJson());

    /// <summary>What the last hop before a server decrypts: the server's blob and where to send it.</summary>
    public static byte[] ForServer(byte[] serverBlob, RelayToServerInstruction instruction) =>
        OnionFrame.Build(serverBlob, instruction.ToJson());

    /// <summary>
    /// Wraps <paramref name="lastPlaintext"/> for <paramref name="path"/> (guard first; the last node decrypts
    /// <paramref name="lastPlaintext"/>). <paramref name="encryptions"/> is cycled over the layers.
    /// </summary>
    public static OnionRequest Build(
        IReadOnlyList<OnionTarget> path, byte[] lastPlaintext, IReadOnlyList<OnionEncryptionType> encryptions, int? hopNumber = null)
    {
        var keys = new HopKey[path.Count];
        var plaintext = lastPlaintext;
        GuardRequest? guard = null;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var encryption = encryptions[i % encryptions.Count];
            using var ephemeral = X25519KeyPair.Generate();
            Assert.True(HopKey.TryForClient(ephemeral, path[i].X25519, encryption, out var key));
            keys[i] = key;
            var ciphertext = key.Encrypt(plaintext);
            if (i > 0)
                plaintext = OnionFrame.Build(ciphertext, new RelayToNodeInstruction(path[i].Ed25519, ephemeral.PublicKey, encryption).ToJson());
            else
            {
                guard = new GuardRequest(ephemeral.PublicKey, encryption, hopNumber);
                plaintext = ciphertext;
            }
        }
        return new OnionRequest(OnionFrame.Build(plaintext, guard!.ToJson()), keys);
    }

    /// <summary>Opens a base64 destination reply with <paramref name="key"/>; fails the test when it does not decrypt.</summary>
    public static byte[] OpenBase64(HopKey key, string body)
    {
        Assert.True(key.TryDecrypt(Convert.FromBase64String(body), out var plaintext), "The reply does not decrypt with the layer's key.");
        return plaintext;
    }
}
