using Wisp.Client.Transport;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Communities;

/// <summary>A community server: where it is and its X25519 key (onion requests are encrypted to it; signatures cover it).</summary>
internal sealed record CommunityServer(Uri BaseUrl, X25519PublicKey Key)
{
    /// <summary><c>scheme://host:port</c>, as stored.</summary>
    public string Base => CommunityUrl.BaseText(BaseUrl);

    /// <summary>The server as an onion path's last node calls it (v4 framing to <c>/oxen/v4/lsrpc</c>).</summary>
    public OnionServer ToOnionServer() => new(BaseUrl.Host, (ushort)BaseUrl.Port, BaseUrl.Scheme, Key);
}

/// <summary>A community server's answer, or why it was not reached.</summary>
/// <param name="Status">The server's HTTP status (0 when not reached).</param>
/// <param name="Body">The reply body.</param>
/// <param name="Failure">Why the server was not reached; null when it answered.</param>
internal readonly record struct CommunityReply(int Status, byte[] Body, string? Failure)
{
    /// <summary>True when the server answered (with any status).</summary>
    public bool Reached => Failure is null;

    /// <summary>True for a 2xx answer.</summary>
    public bool Success => Reached && Status is >= 200 and < 300;

    /// <summary>Not reached, because of <paramref name="why"/>.</summary>
    public static CommunityReply Unreached(string why) => new(0, [], why);
}
