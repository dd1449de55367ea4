using Wisp.Client.Paths;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Client.Transport;

/// <summary>
/// Builds onion requests inside out, Session's way: a fresh ephemeral X25519 key for every layer, each layer
/// <c>[u32 LE N][ciphertext][JSON]</c> encrypted to one node, and the guard's body carrying the outermost layer's
/// ephemeral key in the clear. No I/O; the only randomness is libsodium's (keys and nonces).
/// <list type="bullet">
/// <item>To a node: the path's nodes relay, and the destination is a fourth hop that runs the RPC and answers
/// <c>{"status","body"}</c> encrypted once with its layer's key.</item>
/// <item>To an HTTP server: the last path node POSTs the server's layer (a v4 request encrypted to the server's key)
/// to the server, which answers the v4 reply encrypted with that key.</item>
/// </list>
/// </summary>
internal static class OnionRequestBuilder
{
    /// <summary>
    /// An onion request to <paramref name="destination"/> through <paramref name="path"/> carrying the storage RPC
    /// <paramref name="rpcBody"/> (<c>{"method","params"}</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty, or the request would exceed the onion size limit.</exception>
    public static OnionRequest ForNode(
        IReadOnlyList<ServiceNode> path, ServiceNode destination, ReadOnlySpan<byte> rpcBody,
        OnionEncryptionType encryption = OnionEncryptionType.XChaCha20, bool base64Reply = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(destination);
        if (path.Count == 0)
            throw new ArgumentException("An onion path needs at least one node.", nameof(path));

        // The destination's layer: the RPC and {"headers":""}, encrypted to the destination.
        var inner = OnionFrame.Build(rpcBody, new DestinationInstruction(Base64: base64Reply).ToJson());
        var replyKey = Encrypt(destination.X25519, encryption, inner, out var ciphertext, out var ephemeral);
        try
        {
            var body = WrapForPath(path, destination.Ed25519, ciphertext, ephemeral, encryption);
            return new OnionRequest(body, replyKey, base64Reply ? OnionReplyEncoding.Base64Json : OnionReplyEncoding.RawJson);
        }
        catch
        {
            replyKey.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An onion request to an HTTP <paramref name="server"/> through <paramref name="path"/>, carrying
    /// <paramref name="request"/> in the v4 framing. The last node of the path makes the HTTP call.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty, the server is not one a relay calls, or the request is malformed or too large.</exception>
    public static OnionRequest ForServer(
        IReadOnlyList<ServiceNode> path, OnionServer server, OnionV4Request request,
        OnionEncryptionType encryption = OnionEncryptionType.XChaCha20)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(request);
        if (path.Count == 0)
            throw new ArgumentException("An onion path needs at least one node.", nameof(path));
        if (server.Problem() is { } problem)
            throw new ArgumentException($"The server cannot be reached through a path: {problem}.", nameof(server));

        var payload = OnionV4Codec.EncodeRequest(request);
        var replyKey = Encrypt(server.Key, encryption, payload, out var serverCiphertext, out var serverEphemeral);
        try
        {
            // The last node's plaintext is the server's layer itself: it POSTs these bytes to the server unchanged.
            var instruction = new RelayToServerInstruction(
                server.Host, server.Target, server.Port, server.Protocol, "POST", serverEphemeral, encryption);
            var lastLayer = OnionFrame.Build(serverCiphertext, instruction.ToJson());
            var last = path[^1];
            using (var lastKey = Encrypt(last.X25519, encryption, lastLayer, out var ciphertext, out var ephemeral))
            {
                var body = path.Count == 1
                    ? GuardBody(ciphertext, ephemeral, encryption)
                    : WrapForPath(path.Take(path.Count - 1).ToArray(), last.Ed25519, ciphertext, ephemeral, encryption);
                return new OnionRequest(body, replyKey, OnionReplyEncoding.V4);
            }
        }
        catch
        {
            replyKey.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps <paramref name="ciphertext"/> (for <paramref name="next"/>, under <paramref name="ephemeral"/>) in one
    /// relay layer per path node, last node first, and returns the guard's body.
    /// </summary>
    private static byte[] WrapForPath(
        IReadOnlyList<ServiceNode> path, Ed25519PublicKey next, byte[] ciphertext, X25519PublicKey ephemeral, OnionEncryptionType encryption)
    {
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var layer = OnionFrame.Build(ciphertext, new RelayToNodeInstruction(next, ephemeral, encryption).ToJson());
            using var key = Encrypt(path[i].X25519, encryption, layer, out ciphertext, out ephemeral);
            next = path[i].Ed25519;
        }
        return GuardBody(ciphertext, ephemeral, encryption);
    }

    private static byte[] GuardBody(byte[] ciphertext, X25519PublicKey ephemeral, OnionEncryptionType encryption) =>
        OnionFrame.Build(ciphertext, new GuardRequest(ephemeral, encryption).ToJson());

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="node"/> under a fresh ephemeral key; returns the hop key.</summary>
    private static HopKey Encrypt(
        X25519PublicKey node, OnionEncryptionType encryption, ReadOnlySpan<byte> plaintext,
        out byte[] ciphertext, out X25519PublicKey ephemeralPublic)
    {
        using var ephemeral = X25519KeyPair.Generate();
        if (!HopKey.TryForClient(ephemeral, node, encryption, out var key))
            throw new ArgumentException($"The node key {node} is a low-order point; no layer can be encrypted to it.", nameof(node));
        ciphertext = key.Encrypt(plaintext);
        ephemeralPublic = ephemeral.PublicKey;
        return key;
    }
}
