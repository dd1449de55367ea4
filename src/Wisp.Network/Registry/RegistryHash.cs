using Wisp.Crypto.Hashing;

namespace Wisp.Network.Registry;

/// <summary>
/// A 32-byte BLAKE2b hash that names one registry version: it chains every entry to the one before it, the
/// registry key signs the newest one, and it seeds swarm assignment for the change that version made.
/// </summary>
public sealed class RegistryHash : IEquatable<RegistryHash>
{
    /// <summary>Length in bytes.</summary>
    public const int Bytes = 32;

    /// <summary>The "previous hash" of version 1, and the hash of an empty registry: 32 zero bytes.</summary>
    public static RegistryHash Zero { get; } = new(new byte[Bytes]);

    private readonly byte[] _bytes;

    /// <summary>Wraps a copy of exactly 32 bytes.</summary>
    public RegistryHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Bytes)
            throw new ArgumentException($"A registry hash is {Bytes} bytes; got {bytes.Length}.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>BLAKE2b-256 of <paramref name="input"/>.</summary>
    public static RegistryHash Of(ReadOnlySpan<byte> input)
    {
        Span<byte> hash = stackalloc byte[Bytes];
        Blake2b.Hash(input, hash);
        return new RegistryHash(hash);
    }

    /// <summary>Parses 64 hex characters; false (never an exception) on anything else.</summary>
    public static bool TryParseHex(string? hex, out RegistryHash? hash)
    {
        hash = null;
        if (hex is null || hex.Length != Bytes * 2)
            return false;
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        hash = new RegistryHash(Convert.FromHexString(hex));
        return true;
    }

    /// <summary>The hash bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Lowercase hex.</summary>
    public string ToHex() => Convert.ToHexStringLower(_bytes);

    public bool Equals(RegistryHash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as RegistryHash);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
    public override string ToString() => ToHex();
}
