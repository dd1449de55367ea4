using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// How two devices' account key rings become one (Session: "the merge keeps the most recently created key as current,
/// the lowest seed breaking a tie, so every device settles on the same one"). Pure.
/// </summary>
internal static class KeyRingMerge
{
    /// <summary>
    /// The union of <paramref name="held"/> and <paramref name="received"/> by seed, with one current entry, pruned of
    /// entries rotated away more than 16 days before <paramref name="now"/>. Oldest first.
    /// </summary>
    public static IReadOnlyList<AccountKeyEntry> Merge(
        IReadOnlyList<AccountKeyEntry> held, IEnumerable<AccountKeyEntry> received, DateTimeOffset now)
    {
        var bySeed = new Dictionary<string, AccountKeyEntry>(StringComparer.Ordinal);
        foreach (var entry in held.Concat(received))
        {
            if (entry.Seed.Length != AccountKeyEntry.SeedBytes)
                continue; // not a seed: another device's damaged entry is not worth failing the merge over
            var key = Convert.ToHexStringLower(entry.Seed);
            bySeed[key] = bySeed.TryGetValue(key, out var known) ? Combine(known, entry) : entry;
        }
        var current = bySeed.Values
            .Where(e => e.RotatedAt is null)
            .OrderByDescending(e => e.Created)
            .ThenBy(e => Convert.ToHexStringLower(e.Seed), StringComparer.Ordinal)
            .FirstOrDefault();
        var merged = bySeed.Values
            .Select(e => e.RotatedAt is null && current is not null && !ReferenceEquals(e, current) ? e with { RotatedAt = current.Created } : e)
            .OrderBy(e => e.Created)
            .ThenBy(e => Convert.ToHexStringLower(e.Seed), StringComparer.Ordinal)
            .ToList();
        return AccountKeyRotation.Prune(merged, now);
    }

    /// <summary>True when both lists hold the same seeds with the same times.</summary>
    public static bool SameEntries(IReadOnlyList<AccountKeyEntry> a, IReadOnlyList<AccountKeyEntry> b)
    {
        if (a.Count != b.Count)
            return false;
        var left = a.ToDictionary(e => Convert.ToHexStringLower(e.Seed), StringComparer.Ordinal);
        return b.All(e => left.TryGetValue(Convert.ToHexStringLower(e.Seed), out var other)
                          && other.Created == e.Created && other.RotatedAt == e.RotatedAt);
    }

    private static AccountKeyEntry Combine(AccountKeyEntry a, AccountKeyEntry b) => new(
        a.Seed,
        a.Created <= b.Created ? a.Created : b.Created,
        (a.RotatedAt, b.RotatedAt) switch
        {
            ({ } x, { } y) => x <= y ? x : y,
            ({ } x, null) => x,
            (null, var y) => y,
        });
}
