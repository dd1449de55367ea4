namespace Wisp.Network.Registry;

/// <summary>
/// One link of the registry's hash chain: version <see cref="Number"/> made <see cref="Change"/> at
/// <see cref="Time"/>. <see cref="Hash"/> = BLAKE2b-256 of the canonical encoding of this entry, which includes
/// <see cref="PreviousHash"/> (see <see cref="RegistryEncoding"/>). The hash also seeds the swarm assignment
/// that this change causes.
/// </summary>
/// <param name="Number">1 for the first change, then +1 for each.</param>
/// <param name="PreviousHash">The hash of version <c>Number - 1</c>; <see cref="RegistryHash.Zero"/> for version 1.</param>
/// <param name="Time">When the registry authority made the change (milliseconds are kept; finer is dropped).</param>
/// <param name="Change">What changed.</param>
/// <param name="Hash">This version's hash.</param>
public sealed record RegistryVersion(long Number, RegistryHash PreviousHash, DateTimeOffset Time, RegistryChange Change, RegistryHash Hash)
{
    /// <summary>Builds version <paramref name="number"/> after <paramref name="previousHash"/> and computes its hash.</summary>
    public static RegistryVersion Create(long number, RegistryHash previousHash, DateTimeOffset time, RegistryChange change)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(change);
        var truncated = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        return new RegistryVersion(number, previousHash, truncated, change,
            RegistryEncoding.HashEntry(number, previousHash, truncated, change));
    }
}
