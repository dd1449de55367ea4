using System.Buffers.Binary;

namespace Wisp.Protocol.Swarms;

/// <summary>
/// Session's mapping from an account's public key to a point on the u64 ring, and from that
/// point to the nearest swarm. Every client and node must compute the same answer.
/// </summary>
public static class SwarmSpace
{
    /// <summary>
    /// The id that marks "no swarm" (a node not yet assigned, or an empty swarm list). Session uses
    /// 2^64 - 1 for both its invalid and unassigned swarm ids.
    /// </summary>
    public const ulong InvalidSwarmId = ulong.MaxValue;

    /// <summary>Length of a bare public key (no network prefix).</summary>
    public const int KeyBytes = 32;

    /// <summary>Length of a public key with its one-byte network prefix (05, 03, …).</summary>
    public const int PrefixedKeyBytes = 33;

    /// <summary>
    /// The swarm-space point of a bare 32-byte key: the XOR of its four big-endian u64 words.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not exactly 32 bytes.</exception>
    public static ulong SpaceOf(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != KeyBytes)
            throw new ArgumentException($"A swarm key is {KeyBytes} bytes without its prefix; got {publicKey.Length}.", nameof(publicKey));
        return BinaryPrimitives.ReadUInt64BigEndian(publicKey)
            ^ BinaryPrimitives.ReadUInt64BigEndian(publicKey[8..])
            ^ BinaryPrimitives.ReadUInt64BigEndian(publicKey[16..])
            ^ BinaryPrimitives.ReadUInt64BigEndian(publicKey[24..]);
    }

    /// <summary>
    /// The swarm-space point of a 33-byte prefixed key (an Account ID's bytes). The prefix byte
    /// plays no part, as in Session: only the 32 key bytes after it are mixed.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not exactly 33 bytes.</exception>
    public static ulong SpaceOfPrefixed(ReadOnlySpan<byte> prefixedKey)
    {
        if (prefixedKey.Length != PrefixedKeyBytes)
            throw new ArgumentException($"A prefixed swarm key is {PrefixedKeyBytes} bytes; got {prefixedKey.Length}.", nameof(prefixedKey));
        return SpaceOf(prefixedKey[1..]);
    }

    /// <summary>
    /// The swarm id nearest to <paramref name="space"/> on the wrap-around u64 ring, or
    /// <see cref="InvalidSwarmId"/> when there are no swarms. A point exactly between two swarms
    /// goes to the one before it on the ring (the lower id, or the highest id when the tie is
    /// across the wrap), as in Session.
    /// </summary>
    /// <param name="sortedSwarmIds">Swarm ids in ascending order, without duplicates.</param>
    /// <param name="space">The account's point, from <see cref="SpaceOf"/>.</param>
    public static ulong NearestSwarm(IReadOnlyList<ulong> sortedSwarmIds, ulong space)
    {
        ArgumentNullException.ThrowIfNull(sortedSwarmIds);
        var count = sortedSwarmIds.Count;
        if (count == 0)
            return InvalidSwarmId;

        var rightIndex = FirstAtOrAbove(sortedSwarmIds, space);
        if (rightIndex == count)
            rightIndex = 0;
        var leftIndex = rightIndex == 0 ? count - 1 : rightIndex - 1;

        var right = sortedSwarmIds[rightIndex];
        var left = sortedSwarmIds[leftIndex];
        // Unsigned subtraction wraps modulo 2^64, which is exactly the distance around the ring.
        var toRight = unchecked(right - space);
        var toLeft = unchecked(space - left);
        return toRight < toLeft ? right : left;
    }

    private static int FirstAtOrAbove(IReadOnlyList<ulong> sorted, ulong value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (sorted[mid] < value)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
