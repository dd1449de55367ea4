using System.Buffers.Binary;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Dht;

/// <summary>
/// A 32-byte position in the DHT's key space: a node id, a topic, or a server's target. Held as four big-endian
/// 64-bit words so XOR distances compare without allocating.
/// </summary>
public readonly struct DhtId : IEquatable<DhtId>, IComparable<DhtId>
{
    /// <summary>Length of an id in bytes.</summary>
    public const int Bytes = 32;

    private readonly ulong _a, _b, _c, _d;

    private DhtId(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    /// <summary>The id whose bytes are <paramref name="bytes"/> (exactly 32).</summary>
    public static DhtId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Bytes)
            throw new ArgumentException($"A DHT id is {Bytes} bytes; got {bytes.Length}.", nameof(bytes));
        return new DhtId(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>BLAKE2b-256 of <paramref name="input"/>.</summary>
    public static DhtId Hash(ReadOnlySpan<byte> input)
    {
        Span<byte> hash = stackalloc byte[Bytes];
        Blake2b.Hash(input, hash);
        return FromBytes(hash);
    }

    /// <summary>Where a server listening on <paramref name="publicKey"/> is found: BLAKE2b-256 of the key, so the key itself never travels in a lookup.</summary>
    public static DhtId ForServer(X25519PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Hash(publicKey.Span);
    }

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Bytes];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>XOR distance to <paramref name="other"/> (Kademlia's metric).</summary>
    public DhtId Xor(DhtId other) => new(_a ^ other._a, _b ^ other._b, _c ^ other._c, _d ^ other._d);

    /// <summary>Number of leading bits this id shares with <paramref name="other"/> (256 when equal).</summary>
    public int CommonPrefixLength(DhtId other)
    {
        var x = Xor(other);
        if (x._a != 0) return System.Numerics.BitOperations.LeadingZeroCount(x._a);
        if (x._b != 0) return 64 + System.Numerics.BitOperations.LeadingZeroCount(x._b);
        if (x._c != 0) return 128 + System.Numerics.BitOperations.LeadingZeroCount(x._c);
        if (x._d != 0) return 192 + System.Numerics.BitOperations.LeadingZeroCount(x._d);
        return 256;
    }

    /// <summary>Orders two ids by their XOR distance to this one: negative when <paramref name="x"/> is closer.</summary>
    public int CompareDistance(DhtId x, DhtId y) => Xor(x).CompareTo(Xor(y));

    /// <inheritdoc/>
    public int CompareTo(DhtId other)
    {
        var c = _a.CompareTo(other._a);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        if (c != 0) return c;
        c = _c.CompareTo(other._c);
        return c != 0 ? c : _d.CompareTo(other._d);
    }

    /// <inheritdoc/>
    public bool Equals(DhtId other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DhtId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <summary>Lower-case hex of the 32 bytes.</summary>
    public override string ToString() => Convert.ToHexStringLower(ToArray());

    /// <summary>Equality.</summary>
    public static bool operator ==(DhtId left, DhtId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DhtId left, DhtId right) => !left.Equals(right);
}
