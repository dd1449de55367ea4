using Wisp.Crypto.Onion;

namespace Wisp.Client.Transport;

/// <summary>How the answer to an onion request is encoded on the way back.</summary>
internal enum OnionReplyEncoding
{
    /// <summary>A destination node's default: base64 of the ciphertext of <c>{"status","body"}</c>.</summary>
    Base64Json,
    /// <summary>A destination node asked with <c>"base64": false</c>: the raw ciphertext of <c>{"status","body"}</c>.</summary>
    RawJson,
    /// <summary>An HTTP server's v4 reply: the raw ciphertext of a bencoded <c>[meta, body]</c>.</summary>
    V4,
}

/// <summary>
/// A built onion request: the body to POST to the guard's <c>/onion_req/v2</c>, and the key the answer is encrypted
/// with (the key of the last layer, shared with the destination only). Dispose zeroes the key.
/// </summary>
internal sealed class OnionRequest : IDisposable
{
    internal OnionRequest(byte[] body, HopKey replyKey, OnionReplyEncoding encoding)
    {
        Body = body;
        ReplyKey = replyKey;
        ReplyEncoding = encoding;
    }

    /// <summary>What the guard is sent: <c>[N][ciphertext]{"ephemeral_key","enc_type"}</c>.</summary>
    public byte[] Body { get; }

    /// <summary>The destination layer's key, which decrypts the answer.</summary>
    public HopKey ReplyKey { get; }

    /// <summary>How the answer comes back.</summary>
    public OnionReplyEncoding ReplyEncoding { get; }

    /// <summary>Zeroes the reply key.</summary>
    public void Dispose() => ReplyKey.Dispose();

    /// <summary>Sizes only; never the key.</summary>
    public override string ToString() => $"OnionRequest({Body.Length} bytes, reply {ReplyEncoding})";
}
