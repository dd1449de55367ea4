using System.Globalization;
using Wisp.Community.Api;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Community;

namespace Wisp.Community.Auth;

/// <summary>
/// Checks a request's <c>X-SOGS-*</c> headers as pysogs's <c>handle_http_auth</c> does, in its order and with its
/// words: no headers is an anonymous request; some but not all is 400; then the key (66 hex, prefix <c>15</c>, <c>25</c>
/// or, unless blinded keys are required, <c>00</c>; a valid Ed25519 point), nonce, signature and timestamp formats
/// (400); the timestamp within ±24 h (425); a globally banned user (403 <c>Banned</c>, before the signature is even
/// checked); a reused nonce (425); then the signature (401).
/// </summary>
internal sealed class RequestAuthenticator(CommunityServices services)
{
    /// <summary>The user, or the refusal to answer instead.</summary>
    public readonly record struct Outcome(CommunityUser? User, CommunityResponse? Refusal);

    public async Task<Outcome> AuthenticateAsync(CommunityRequest request, CancellationToken cancellationToken)
    {
        string? pubkey = request.Headers(SogsHeaders.Pubkey), nonceText = request.Headers(SogsHeaders.Nonce),
            timestamp = request.Headers(SogsHeaders.Timestamp), signatureText = request.Headers(SogsHeaders.Signature);
        var missing = new[] { pubkey, nonceText, timestamp, signatureText }.Count(string.IsNullOrEmpty);
        if (missing == 4)
            return new Outcome(null, null);
        if (missing > 0)
            return Refuse(400, $"Invalid authentication headers: missing {missing}/4 required X-SOGS-* headers");

        var key = SogsHeaders.DecodeHexOrBase64(pubkey!, 33);
        if (key is null)
            return Refuse(400, "Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id");
        // pysogs accepts 00 and 15; Wisp also accepts 25, whose signatures verify with the blinded key as plain Ed25519.
        if (key[0] is not (0x00 or 0x15 or 0x25))
            return Refuse(400, "Invalid authentication: X-SOGS-Pubkey must be 00- or 15- prefixed");
        var edKey = key.AsSpan(1).ToArray();
        if (!Ed25519.IsValidPoint(edKey))
            return Refuse(400, "Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey");
        string sessionId;
        if (key[0] != 0x00)
        {
            sessionId = Convert.ToHexStringLower(key);
        }
        else if (services.Options.RequireBlindKeys)
        {
            return Refuse(400, "Invalid authentication: this server requires the use of blinded ids");
        }
        else
        {
            var x25519 = new Crypto.Keys.Ed25519PublicKey(edKey).ToX25519();
            if (x25519 is null)
                return Refuse(400, "Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey");
            sessionId = "05" + x25519.ToHex();
        }

        var nonce = SogsHeaders.DecodeHexOrBase64(nonceText!, SogsHeaders.NonceBytes);
        if (nonce is null)
            return Refuse(400, "Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)");
        var signature = SogsHeaders.DecodeHexOrBase64(signatureText!, 64);
        if (signature is null)
            return Refuse(400, "Invalid authentication: X-SOGS-Signature is not base64[88]");
        if (!TryParseTimestamp(timestamp!, out var seconds))
            return Refuse(400, "Invalid authentication: X-SOGS-Timestamp is not a valid timestamp");

        var now = services.Now();
        if (seconds < now - Limits.SignatureWindowSeconds || seconds > now + Limits.SignatureWindowSeconds)
            return Refuse(425, "Invalid authentication: X-SOGS-Timestamp is too far from current time");

        var user = await services.Users.GetOrCreateAsync(sessionId, cancellationToken);
        if (user.Banned)
            return Refuse(403, "Banned");
        if (!await services.Users.TryUseNonceAsync(user, nonce, cancellationToken))
            return Refuse(425, "Invalid authentication: X-SOGS-Nonce cannot be reused");

        var pathAndQuery = request.Query.Length > 0 ? request.Path + "?" + request.Query : request.Path;
        var message = SogsHeaders.SignedMessage(services.Keys.PublicKey.Span, nonce, timestamp!, request.Method, pathAndQuery, request.Body.Span);
        if (!SignatureValid(key, message, signature))
            return Refuse(401, "Invalid authentication: X-SOGS-Signature verification failed");

        await services.Users.TouchAsync(user, cancellationToken);
        return new Outcome(user with { SigningKey = edKey }, null);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is the signature of <paramref name="message"/> by the 33-byte
    /// <c>X-SOGS-Pubkey</c> <paramref name="key"/>: a 15- or 25-blinded key (or unblinded 00) signs as plain Ed25519
    /// under the key after the prefix.
    /// </summary>
    internal static bool SignatureValid(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        key.Length == 33 && key[0] is (0x00 or 0x15 or 0x25) && Ed25519.IsValidPoint(key[1..]) && Ed25519.Verify(key[1..], message, signature);

    /// <summary>Python's <c>int(str)</c>: optional sign and surrounding whitespace, decimal digits (underscores between them allowed).</summary>
    private static bool TryParseTimestamp(string text, out long seconds) =>
        long.TryParse(text.Trim().Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds)
        && !text.Trim().StartsWith('_') && !text.Trim().EndsWith('_') && !text.Contains("__", StringComparison.Ordinal);

    private static Outcome Refuse(int status, string reason) => new(null, Reply.Text(status, reason));
}
