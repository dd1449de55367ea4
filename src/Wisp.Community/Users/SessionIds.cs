using System.Text.RegularExpressions;

namespace Wisp.Community.Users;

/// <summary>
/// The Session IDs a route accepts in its path, as pysogs's URL converters: <c>AnySessionID</c> (an unblinded
/// <c>05…</c> or a blinded ID) and <c>BlindSessionID</c> (blinded only). A path segment that is not one is no match:
/// 404, as Flask answers. Wisp also takes the <c>25…</c> blinded IDs its authentication accepts.
/// </summary>
internal static partial class SessionIds
{
    /// <summary>True for <c>05</c>, <c>15</c> or <c>25</c> and 64 hex digits.</summary>
    public static bool IsAny(string text) => Any().IsMatch(text);

    /// <summary>True for <c>15</c> or <c>25</c> and 64 hex digits.</summary>
    public static bool IsBlinded(string text) => Blinded().IsMatch(text);

    /// <summary>The ID as stored: lower-case hex, as a signing user's ID is recorded.</summary>
    public static string Normal(string text) => text.ToLowerInvariant();

    [GeneratedRegex("^[012]5[0-9a-fA-F]{64}$")]
    private static partial Regex Any();

    [GeneratedRegex("^[12]5[0-9a-fA-F]{64}$")]
    private static partial Regex Blinded();
}
