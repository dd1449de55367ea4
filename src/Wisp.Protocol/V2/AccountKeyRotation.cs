namespace Wisp.Protocol.V2;

/// <summary>
/// Session's account key rotation schedule and retention (docs/protocol-v2.md, "Account Key Rotation timer"), as
/// pure functions of the times passed in: a device rotates at <c>t = created + 12 h + ε</c>,
/// <c>ε = −1 h + 2 h·(1 − u^N)</c>, with u from BLAKE2b("SessionAccKeyRot") of the device id keyed by the current
/// seed and N the number of devices; rotated-away keys are kept 16 days.
/// </summary>
public static class AccountKeyRotation
{
    /// <summary>12 h.</summary>
    public static TimeSpan Interval => V2Limits.RotationInterval;

    /// <summary>1 h: ε lies in [−1 h, +1 h].</summary>
    public static TimeSpan MaxJitter => V2Limits.RotationJitter;

    /// <summary>16 days after rotation.</summary>
    public static TimeSpan Retention => V2Limits.KeyRetention;

    private static readonly byte[] s_personal = System.Text.Encoding.ASCII.GetBytes("SessionAccKeyRot");

    /// <summary>u ∈ [0, 1): LE64(BLAKE2b_8(deviceId, key = seed, pers = "SessionAccKeyRot")) / 2^64.</summary>
    public static double DeviceFactor(ReadOnlySpan<byte> currentSeed, ReadOnlySpan<byte> deviceId)
    {
        if (currentSeed.Length != AccountKey.SeedBytes)
            throw new ArgumentException($"An account key seed is {AccountKey.SeedBytes} bytes; got {currentSeed.Length}.", nameof(currentSeed));
        Span<byte> hash = stackalloc byte[8];
        Wisp.Crypto.Hashing.Blake2b.HashSaltPersonal(deviceId, hash, currentSeed, [], s_personal);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(hash) / 18446744073709551616.0;
    }

    /// <summary>When this device should rotate away from <paramref name="current"/>.</summary>
    public static DateTimeOffset RotationTime(AccountKeyEntry current, ReadOnlySpan<byte> deviceId, int deviceCount)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(deviceCount, 1);
        var u = DeviceFactor(current.Seed, deviceId);
        // ε = −1 h + 2 h·(1 − u^N): the minimum over N devices is then uniform on [−1 h, +1 h], as for one device.
        // Computed in double seconds and truncated to ticks, as libsession truncates to its clock's ticks.
        var offsetSeconds = (Interval - MaxJitter).TotalSeconds + (2 * MaxJitter.TotalSeconds * (1 - Math.Pow(u, deviceCount)));
        return current.Created + TimeSpan.FromTicks((long)(offsetSeconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>True when <paramref name="now"/> has reached this device's rotation time.</summary>
    public static bool IsDue(AccountKeyEntry current, ReadOnlySpan<byte> deviceId, int deviceCount, DateTimeOffset now) =>
        now >= RotationTime(current, deviceId, deviceCount);

    /// <summary>True for the current key and for keys rotated away at most 16 days before <paramref name="now"/>.</summary>
    public static bool IsRetained(AccountKeyEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.RotatedAt is not { } rotated || now - rotated <= Retention;
    }

    /// <summary>Marks the current key(s) rotated at <paramref name="now"/>, adds <paramref name="next"/> as current, prunes.</summary>
    public static IReadOnlyList<AccountKeyEntry> Rotate(IReadOnlyList<AccountKeyEntry> ring, AccountKeyEntry next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(next);
        if (!next.IsCurrent)
            throw new ArgumentException("The new key must not be marked rotated.", nameof(next));
        var rotated = ring.Select(e => e.IsCurrent ? e with { RotatedAt = now } : e).Append(next).ToList();
        return Prune(rotated, now);
    }

    /// <summary>Drops entries rotated away more than 16 days before <paramref name="now"/>.</summary>
    public static IReadOnlyList<AccountKeyEntry> Prune(IReadOnlyList<AccountKeyEntry> ring, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return ring.Where(e => IsRetained(e, now)).ToList();
    }

    /// <summary>
    /// The current key: the newest-created unrotated entry, the lowest seed breaking a tie (Session's merge rule,
    /// so every device settles on the same key after crossed rotations).
    /// </summary>
    public static AccountKeyEntry? Current(IReadOnlyList<AccountKeyEntry> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        AccountKeyEntry? best = null;
        foreach (var entry in ring)
        {
            if (!entry.IsCurrent)
                continue;
            if (best is null || entry.Created > best.Created
                || (entry.Created == best.Created && entry.Seed.AsSpan().SequenceCompareTo(best.Seed) < 0))
                best = entry;
        }
        return best;
    }
}
