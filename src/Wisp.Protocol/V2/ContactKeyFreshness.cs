namespace Wisp.Protocol.V2;

/// <summary>The state of a contact's cached v2 keys (docs/protocol-v2.md, "Account keys").</summary>
public enum ContactKeyState
{
    /// <summary>Never fetched (or nothing cached): fetch before sending forward-secretly.</summary>
    Missing = 0,

    /// <summary>Fetched less than 24 h ago: use, no fetch.</summary>
    Fresh,

    /// <summary>24–48 h old: use, and re-fetch in the background.</summary>
    Stale,

    /// <summary>Older than 48 h: do not use; fetch first, and fall back to non-forward-secret sending until then.</summary>
    Expired,

    /// <summary>The last fetch found no keys less than 1 h ago: do not fetch again yet; send without forward secrecy.</summary>
    NegativeCached,
}

/// <summary>Pure freshness rules for a contact's cached key bundle; times are passed in.</summary>
public static class ContactKeyFreshness
{
    /// <summary>24 h.</summary>
    public static TimeSpan FreshFor => V2Limits.ContactKeysFresh;

    /// <summary>48 h.</summary>
    public static TimeSpan UsableFor => V2Limits.ContactKeysUsable;

    /// <summary>1 h.</summary>
    public static TimeSpan NakSuppression => V2Limits.NoKeysSuppression;

    /// <summary>
    /// Classifies a cache entry: <paramref name="fetchedAt"/> is when keys were last fetched successfully (null when
    /// none are cached), <paramref name="nakAt"/> when a fetch last found none (null when it did not).
    /// </summary>
    public static ContactKeyState Classify(DateTimeOffset? fetchedAt, DateTimeOffset? nakAt, DateTimeOffset now)
    {
        var nakActive = nakAt is { } nak && now - nak < NakSuppression;
        if (fetchedAt is { } fetched)
        {
            // A NAK never overwrites valid keys (libsession keeps them); it only gates fetching when none are usable.
            var age = now - fetched;
            if (age < FreshFor)
                return ContactKeyState.Fresh;
            if (age <= UsableFor)
                return ContactKeyState.Stale;
            return nakActive ? ContactKeyState.NegativeCached : ContactKeyState.Expired;
        }
        return nakActive ? ContactKeyState.NegativeCached : ContactKeyState.Missing;
    }

    /// <summary>True when the cached keys may be used to send (fresh or stale).</summary>
    public static bool CanUseCachedKeys(ContactKeyState state) => state is ContactKeyState.Fresh or ContactKeyState.Stale;

    /// <summary>True when a fetch should start (stale in the background; expired or missing before sending).</summary>
    public static bool ShouldFetch(ContactKeyState state) =>
        state is ContactKeyState.Stale or ContactKeyState.Expired or ContactKeyState.Missing;

    /// <summary>True when no usable keys are cached and a fetch must complete before a forward-secret send.</summary>
    public static bool MustFetchBeforeSending(ContactKeyState state) => state is ContactKeyState.Expired or ContactKeyState.Missing;
}
