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

    /// <summary>u ∈ [0, 1): LE64(BLAKE2b_8(deviceId, key = seed, pers = "SessionAccKeyRot")) / 2^64.</summary>
    public static double DeviceFactor(ReadOnlySpan<byte> currentSeed, ReadOnlySpan<byte> deviceId) =>
        throw new NotImplementedException();

    /// <summary>When this device should rotate away from <paramref name="current"/>.</summary>
    public static DateTimeOffset RotationTime(AccountKeyEntry current, ReadOnlySpan<byte> deviceId, int deviceCount) =>
        throw new NotImplementedException();

    /// <summary>True when <paramref name="now"/> has reached this device's rotation time.</summary>
    public static bool IsDue(AccountKeyEntry current, ReadOnlySpan<byte> deviceId, int deviceCount, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>True for the current key and for keys rotated away at most 16 days before <paramref name="now"/>.</summary>
    public static bool IsRetained(AccountKeyEntry entry, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Marks the current key(s) rotated at <paramref name="now"/>, adds <paramref name="next"/> as current, prunes.</summary>
    public static IReadOnlyList<AccountKeyEntry> Rotate(IReadOnlyList<AccountKeyEntry> ring, AccountKeyEntry next, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>Drops entries rotated away more than 16 days before <paramref name="now"/>.</summary>
    public static IReadOnlyList<AccountKeyEntry> Prune(IReadOnlyList<AccountKeyEntry> ring, DateTimeOffset now) =>
        throw new NotImplementedException();

    /// <summary>The current key: the newest-created unrotated entry, the lowest seed breaking a tie.</summary>
    public static AccountKeyEntry? Current(IReadOnlyList<AccountKeyEntry> ring) => throw new NotImplementedException();
}
