using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// Builds an onion request to a node the way Session's clients do (onion_processing.cpp reads it): the destination's
/// layer <c>[N][rpc body]{"headers": "", …}</c>, then one relay layer per path node
/// <c>[N][ciphertext]{"destination","ephemeral_key","enc_type"}</c>, last node first, each encrypted under a fresh
/// ephemeral X25519 key; the guard gets <c>[N][ciphertext]{"ephemeral_key","enc_type"}</c>. Written here rather than
/// taken from Wisp.Client so the destination instruction (<c>base64</c>, <c>json</c>) can be any a client may send.
/// </summary>
internal static class OnionLayers
{
    /// <summary>The guard's body, and the key the destination's answer is encrypted with.</summary>
    public static (byte[] Body, HopKey ReplyKey) Build(
        IReadOnlyList<WireNode> path, WireNode destination, ReadOnlySpan<byte> rpcBody, DestinationInstruction instruction,
        OnionEncryptionType encryption)
    {
        var replyKey = Encrypt(destination.X25519, encryption, OnionFrame.Build(rpcBody, instruction.ToJson()), out var ciphertext, out var ephemeral);
        try
        {
            var next = destination.Ed25519;
            for (var i = path.Count - 1; i >= 0; i--)
            {
                var layer = OnionFrame.Build(ciphertext, new RelayToNodeInstruction(next, ephemeral, encryption).ToJson());
                using var key = Encrypt(path[i].X25519, encryption, layer, out ciphertext, out ephemeral);
                next = path[i].Ed25519;
            }
            return (OnionFrame.Build(ciphertext, new GuardRequest(ephemeral, encryption).ToJson()), replyKey);
        }
        catch
        {
            replyKey.Dispose();
            throw;
        }
    }

    private static HopKey Encrypt(
        X25519PublicKey node, OnionEncryptionType encryption, ReadOnlySpan<byte> plaintext, out byte[] ciphertext, out X25519PublicKey ephemeralPublic)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, node, encryption, out var key), "The node's X25519 key is a low-order point.");
        ciphertext = key.Encrypt(plaintext);
        ephemeralPublic = ephemeral.PublicKey;
        return key;
    }
}
