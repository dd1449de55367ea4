using System.Globalization;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Protocol.Files;

/// <summary>
/// The signature a chunk upload carries, Session's X-FS scheme with Wisp's header names: Ed25519 over the ASCII of
/// <c>TIMESTAMP ‖ METHOD ‖ PATH</c>. The path holds the chunk's hash, so the signature covers the body too.
/// </summary>
public static class UploaderSignature
{
    /// <summary>The signed bytes.</summary>
    public static byte[] Message(long unixSeconds, string method, string path) =>
        Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + method + path);

    /// <summary>The three headers for a request by <paramref name="uploader"/> at <paramref name="unixSeconds"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(Ed25519KeyPair uploader, long unixSeconds, string method, string path)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        var signature = Ed25519.Sign(uploader, Message(unixSeconds, method, path));
        return
        [
            new(FileRoutes.UploaderHeader, uploader.PublicKey.ToHex()),
            new(FileRoutes.TimestampHeader, unixSeconds.ToString(CultureInfo.InvariantCulture)),
            new(FileRoutes.SignatureHeader, Convert.ToHexStringLower(signature)),
        ];
    }
}
