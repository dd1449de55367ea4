using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Communities;

/// <summary>
/// A community room's join URL in Session's form, <c>http://host:port/ROOM?public_key=HEX</c>: the server's base URL,
/// the room's token and the server's X25519 key (64 hex characters), which onion requests are encrypted to.
/// </summary>
/// <param name="BaseUrl">Scheme, host and port, without a path (<c>http://host:port</c>).</param>
/// <param name="Room">The room's token.</param>
/// <param name="ServerKey">The server's X25519 key.</param>
public sealed record CommunityUrl(Uri BaseUrl, string Room, X25519PublicKey ServerKey)
{
    /// <summary>The base URL as stored and shown: <c>scheme://host:port</c>, lower case, no trailing slash.</summary>
    public string Base => BaseText(BaseUrl);

    /// <summary>The URL in Session's form.</summary>
    public override string ToString() => $"{Base}/{Room}?public_key={ServerKey.ToHex()}";

    /// <summary>
    /// Reads a join URL; false with a sentence saying what is wrong (scheme, host, room token, key) otherwise.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CommunityUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
            return Fail("the community URL is empty; it looks like http://host:port/ROOM?public_key=HEX", out error);
        if (text.Length > CommunityLimits.MaxUrlLength)
            return Fail($"the community URL is longer than {CommunityLimits.MaxUrlLength} characters", out error);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return Fail($"\"{text}\" is not an http:// or https:// URL; a community URL looks like http://host:port/ROOM?public_key=HEX", out error);
        if (string.IsNullOrEmpty(uri.Host))
            return Fail("the community URL has no host", out error);
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
            return Fail("the community URL may not carry a user name or a #fragment", out error);
        var segments = uri.AbsolutePath.Trim('/');
        if (segments.Length == 0)
            return Fail("the community URL names no room: add /ROOM after the host", out error);
        if (segments.Contains('/', StringComparison.Ordinal))
            return Fail($"the community URL's path \"{uri.AbsolutePath}\" is not one room token", out error);
        var room = Uri.UnescapeDataString(segments);
        if (!IsRoomToken(room))
            return Fail($"\"{room}\" is not a room token (1–64 letters, digits, '-' or '_')", out error);
        string? keyHex = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            if (name == "public_key")
                keyHex = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        if (keyHex is null)
            return Fail("the community URL has no ?public_key=HEX (the server's key, 64 hex characters)", out error);
        if (keyHex.Length != X25519PublicKey.Bytes * 2 || !keyHex.All(Uri.IsHexDigit))
            return Fail($"the public_key must be 64 hex characters; got {keyHex.Length} characters", out error);
        var baseUrl = new Uri($"{uri.Scheme}://{uri.Authority}", UriKind.Absolute);
        url = new CommunityUrl(baseUrl, room, X25519PublicKey.FromHex(keyHex.ToLowerInvariant()));
        error = null;
        return true;
    }

    /// <summary>True for a room token pysogs accepts: 1–64 of <c>[A-Za-z0-9_-]</c>.</summary>
    public static bool IsRoomToken(string token) =>
        token.Length is > 0 and <= CommunityLimits.MaxRoomTokenLength
        && token.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_');

    internal static string BaseText(Uri baseUrl) => $"{baseUrl.Scheme}://{baseUrl.Host.ToLowerInvariant()}:{baseUrl.Port}";

    private static bool Fail(string why, out string error)
    {
        error = why;
        return false;
    }
}
