using System.Globalization;
using System.Text;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Files;

namespace Wisp.Files.Api;

/// <summary>
/// Checks a chunk upload's signature (<see cref="UploaderSignature"/>) the way session-file-server checks its X-FS
/// headers, in the same order and with the same statuses: 400 for a missing or malformed header, 425 for a timestamp
/// more than 24 hours off, 401 for a signature that does not verify. The answers are Session's sentences with Wisp's
/// header names.
/// </summary>
internal static class UploaderAuth
{
    /// <summary>The uploader's key in hex when the request is signed by it; else the refusal.</summary>
    public static (string? Uploader, FileResponse? Refusal) Check(FileRequest request, DateTimeOffset now)
    {
        var key = request.Headers(FileRoutes.UploaderHeader);
        var timestamp = request.Headers(FileRoutes.TimestampHeader);
        var signature = request.Headers(FileRoutes.SignatureHeader);
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return Refuse(400, "Invalid authentication: one or more X-Wisp-* auth headers is missing");

        var keyBytes = new byte[Ed25519.PublicKeyBytes];
        if (key.Length != Ed25519.PublicKeyBytes * 2 || Convert.FromHexString(key, keyBytes, out _, out _) != System.Buffers.OperationStatus.Done)
            return Refuse(400, "Invalid authentication: X-Wisp-Uploader is not a valid 64-hex digit Ed25519 key");

        if (!TryDecodeSignature(signature, out var signatureBytes))
            return Refuse(400, "Invalid authentication: X-Wisp-Signature is not hex[128] or base64[86]");

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Refuse(400, "Invalid authentication: X-Wisp-Timestamp is not a valid timestamp");

        var offset = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        if (offset > FileLimits.SignatureWindow.TotalSeconds)
            return Refuse(425, "Invalid authentication: X-Wisp-Timestamp is too far from current time");

        // The timestamp as sent, as Session signs it.
        var message = Encoding.UTF8.GetBytes(timestamp + request.Method + request.Path);
        if (!Ed25519.Verify(keyBytes, message, signatureBytes))
            return Refuse(401, "Invalid authentication: X-Wisp-Signature verification failed");
        return (key.ToLowerInvariant(), null);
    }

    private static (string?, FileResponse?) Refuse(int status, string message) => (null, Answers.Text(status, message));

    private static bool TryDecodeSignature(string text, out byte[] signature)
    {
        signature = new byte[Ed25519.SignatureBytes];
        if (text.Length == Ed25519.SignatureBytes * 2)
            return Convert.FromHexString(text, signature, out _, out var written) == System.Buffers.OperationStatus.Done
                && written == signature.Length;
        var trimmed = text.TrimEnd('=');
        if (trimmed.Length != 86) return false;
        // Session takes either base64 alphabet.
        var standard = trimmed.Replace('-', '+').Replace('_', '/') + "==";
        return Convert.TryFromBase64String(standard, signature, out var count) && count == signature.Length;
    }
}
