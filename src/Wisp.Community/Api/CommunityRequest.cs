using Wisp.Community.Auth;

namespace Wisp.Community.Api;

/// <summary>
/// One request to the community server, whether it came over HTTP, inside a v4 onion request or inside a
/// <c>/batch</c>: the same routes answer all three, so a route behaves the same either way.
/// </summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Path">The path, percent-decoded (as pysogs signs it), without the query.</param>
/// <param name="Query">The raw query string without its <c>?</c>; empty when there is none.</param>
/// <param name="Headers">Header lookup, case-insensitive.</param>
/// <param name="Body">The whole body (bounded by <see cref="Limits.MaxRequestBodyBytes"/>).</param>
internal sealed record CommunityRequest(string Method, string Path, string Query, Func<string, string?> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>The user the <c>X-SOGS-*</c> headers authenticated; null for an anonymous request.</summary>
    public CommunityUser? User { get; init; }

    /// <summary>One query parameter's value, or null.</summary>
    public string? QueryValue(string name)
    {
        foreach (var pair in Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            if (key == name)
                return equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }
        return null;
    }
}
