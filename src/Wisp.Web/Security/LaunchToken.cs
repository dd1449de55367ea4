using System.Security.Cryptography;
using System.Text;

namespace Wisp.Web.Security;

/// <summary>
/// The per-launch secret the page proves it was opened from the printed URL with: 32 random bytes, base64url. It
/// travels in the URL's fragment (never sent to the server by a browser, never in a Referer or a log) and then in the
/// <c>X-Wisp-Token</c> header of every API call.
/// </summary>
internal sealed class LaunchToken
{
    private readonly byte[] _digest;

    public LaunchToken(string value)
    {
        Value = value;
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The token's text (printed once, in the URL).</summary>
    public string Value { get; }

    /// <summary>A fresh random token.</summary>
    public static LaunchToken Create() => new(Base64Url(RandomNumberGenerator.GetBytes(WebLimits.TokenBytes)));

    /// <summary>
    /// True when <paramref name="presented"/> is the token. Both are hashed first, so the comparison takes the same time
    /// whatever the presented length and wherever it differs.
    /// </summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _digest);

    public override string ToString() => "LaunchToken(***)";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
