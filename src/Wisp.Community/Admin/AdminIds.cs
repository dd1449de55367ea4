using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Users;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;

namespace Wisp.Community.Admin;

/// <summary>
/// The user an administrator names. A blinded ID (<c>15…</c>, <c>25…</c>) is taken as given. An Account ID
/// (<c>05…</c>) is looked up among the blinded IDs it may have on this server; since the sign of a 15-blinded ID
/// cannot be known before the member signs a request, an Account ID that has not visited yet is refused with a
/// sentence saying what to give instead.
/// </summary>
internal static class AdminIds
{
    /// <summary>The user row for <paramref name="text"/>, made for a blinded ID; or why not.</summary>
    public static async Task<AdminResult<CommunityUser>> ResolveAsync(CommunityServices services, string text, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (!SessionIds.IsAny(text))
            return AdminResult<CommunityUser>.Refused($"{text} is not a Session ID: give 66 hex digits starting 15 or 25 (a blinded ID, as the room shows members) or 05 (an Account ID).");
        text = SessionIds.Normal(text);
        if (SessionIds.IsBlinded(text))
            return AdminResult<CommunityUser>.Done(await services.Users.GetOrCreateAsync(text, cancellationToken));

        if (!AccountId.TryParse(text, out _, out var error))
            return AdminResult<CommunityUser>.Refused($"{text}: {error}");
        if (await KnownAsync(services, text, cancellationToken) is { } known)
            return AdminResult<CommunityUser>.Done(known);
        return AdminResult<CommunityUser>.Refused(
            $"the Account ID {text} has not used this server yet, and its blinded ID here depends on a sign only its own requests show. "
            + "Give the member's blinded ID (15…, shown beside their posts), or run this again once they have opened a room.");
    }

    /// <summary>The user an Account ID (<c>05…</c>) already is on this server: one of its blinded IDs, else itself; null if none.</summary>
    public static async Task<CommunityUser?> KnownAsync(CommunityServices services, string accountId, CancellationToken cancellationToken)
    {
        if (!AccountId.TryParse(accountId, out var account, out _))
            return null;
        var candidates = new List<string>();
        if (Blind15.TryGetPossibleIds(account, services.Keys.PublicKey, out var positive, out var negative))
            candidates.AddRange([positive.ToString(), negative.ToString()]);
        if (Blind25.TryGetId(account, services.Keys.PublicKey, out var blind25))
            candidates.Add(blind25.ToString());
        candidates.Add(accountId);
        foreach (var candidate in candidates)
        {
            if (await services.Users.FindAsync(candidate, cancellationToken) is { } known)
                return known;
        }
        return null;
    }
}
