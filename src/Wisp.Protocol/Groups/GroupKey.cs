using System.Security.Cryptography;

namespace Wisp.Protocol.Groups;

/// <summary>
/// One generation of a group's symmetric key: the 32-byte XChaCha20-Poly1305 key that encrypts the group's messages
/// (namespace 11) and configs (13, 14), its generation (the keys message's <c>G</c>) and when the keys message that
/// carried it was stored (milliseconds; 0 until known). <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class GroupKey : IEquatable<GroupKey>
{
    /// <summary>Key length in bytes.</summary>
    public const int Bytes = 32;

    private readonly byte[] _key;

    /// <summary>A key of exactly 32 bytes for <paramref name="generation"/> (not negative).</summary>
    public GroupKey(long generation, ReadOnlySpan<byte> key, long timestampMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        if (key.Length != Bytes)
            throw new ArgumentException($"A group key is {Bytes} bytes; got {key.Length}.", nameof(key));
        Generation = generation;
        TimestampMs = timestampMs;
        _key = key.ToArray();
    }

    /// <summary>The key generation (0 for a new group, one more at each rotation).</summary>
    public long Generation { get; }

    /// <summary>Storage timestamp of the keys message that carried the key, in milliseconds since the epoch.</summary>
    public long TimestampMs { get; }

    /// <summary>The 32 key bytes.</summary>
    public ReadOnlySpan<byte> Key => _key;

    /// <summary>The same key with another storage timestamp.</summary>
    public GroupKey WithTimestamp(long timestampMs) => new(Generation, _key, timestampMs);

    /// <summary>Same generation, timestamp and key.</summary>
    public bool Equals(GroupKey? other) =>
        other is not null && Generation == other.Generation && TimestampMs == other.TimestampMs &&
        CryptographicOperations.FixedTimeEquals(_key, other._key);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GroupKey);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Generation, TimestampMs);

    /// <summary>Generation and timestamp only.</summary>
    public override string ToString() => $"GroupKey(generation {Generation}, t={TimestampMs})";

    /// <summary>libsession's key order: generation, then timestamp, then key bytes.</summary>
    internal static int Compare(GroupKey a, GroupKey b)
    {
        var order = a.Generation.CompareTo(b.Generation);
        if (order == 0)
            order = a.TimestampMs.CompareTo(b.TimestampMs);
        return order != 0 ? order : a._key.AsSpan().SequenceCompareTo(b._key);
    }
}
