using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Community;

/// <summary>
/// Session's community request signature (<c>X-SOGS-*</c> headers). The signer signs
/// <c>server X25519 key (32) ‖ nonce (16) ‖ timestamp (decimal ASCII) ‖ METHOD ‖ path[?query] ‖ BLAKE2b-512(body)</c>,
/// the hash only when the body is not empty; the path is the percent-decoded UTF-8 path, the query as sent. The key is
/// a blinded <c>15…</c>/<c>25…</c> one (or an unblinded <c>00…</c> Ed25519 key where the server allows). Headers:
/// pubkey as 66 hex, nonce as base64 or 32 hex, timestamp as unix seconds, signature as base64 or 128 hex.
/// </summary>
public static class SogsHeaders
{
    public const string Pubkey = "X-SOGS-Pubkey";
    public const string Nonce = "X-SOGS-Nonce";
    public const string Timestamp = "X-SOGS-Timestamp";
    public const string Signature = "X-SOGS-Signature";

    /// <summary>Nonce length in bytes.</summary>
    public const int NonceBytes = 16;

    /// <summary>Length of the body hash in the signed message (BLAKE2b-512).</summary>
    public const int BodyHashBytes = 64;

    /// <summary>The bytes a request signature covers.</summary>
    /// <param name="serverKey">The server's 32-byte X25519 public key.</param>
    /// <param name="nonce">The 16-byte nonce.</param>
    /// <param name="timestamp">The timestamp exactly as in the header.</param>
    /// <param name="method">Upper-case HTTP method.</param>
    /// <param name="pathAndQuery">The decoded path, then <c>?</c> and the query when there is one.</param>
    /// <param name="body">The request body (empty: no hash).</param>
    public static byte[] SignedMessage(
        ReadOnlySpan<byte> serverKey, ReadOnlySpan<byte> nonce, string timestamp, string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp + method + pathAndQuery);
        var message = new byte[serverKey.Length + nonce.Length + head.Length + (body.IsEmpty ? 0 : BodyHashBytes)];
        serverKey.CopyTo(message);
        nonce.CopyTo(message.AsSpan(serverKey.Length));
        head.CopyTo(message.AsSpan(serverKey.Length + nonce.Length));
        if (!body.IsEmpty)
            Blake2b.Hash(body, message.AsSpan(serverKey.Length + nonce.Length + head.Length, BodyHashBytes));
        return message;
    }

    /// <summary>
    /// Decodes a header value of <paramref name="size"/> bytes written as hex (exactly 2×size characters) or base64
    /// (padded or not), as pysogs accepts them; null when it is neither.
    /// </summary>
    public static byte[]? DecodeHexOrBase64(string value, int size)
    {
        if (value.Length == size * 2)
        {
            try
            {
                return Convert.FromHexString(value);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        var padded = (size + 2) / 3 * 4;
        var unpadded = (size * 4 + 2) / 3;
        if (value.Length < unpadded || value.Length > padded)
            return null;
        var decoded = DecodeBase64(value);
        return decoded is { Length: var length } && length == size ? decoded : null;
    }

    /// <summary>Standard base64 with or without padding; null when it is not base64.</summary>
    public static byte[]? DecodeBase64(string value)
    {
        if (value.Length % 4 is 2 or 3 && !value.EndsWith('='))
            value += new string('=', 4 - value.Length % 4);
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
