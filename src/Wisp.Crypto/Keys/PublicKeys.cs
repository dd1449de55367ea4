using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Keys;

/// <summary>A 32-byte Ed25519 public key.</summary>
public sealed class Ed25519PublicKey : IEquatable<Ed25519PublicKey>
{
    /// <summary>Length in bytes.</summary>
    public const int Bytes = Sodium.Ed25519PublicKeyBytes;

    private readonly byte[] _bytes;

    /// <summary>Wraps a copy of exactly 32 bytes.</summary>
    public Ed25519PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Bytes)
            throw new ArgumentException($"An Ed25519 public key is {Bytes} bytes; got {bytes.Length}.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>Parses 64 hex characters.</summary>
    public static Ed25519PublicKey FromHex(string hex) => new(HexKey.Parse(hex, Bytes, "Ed25519 public key"));

    /// <summary>The key bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Lowercase hex.</summary>
    public string ToHex() => Convert.ToHexStringLower(_bytes);

    /// <summary>The X25519 form of this key, or null when the point has none (not a valid Ed25519 point).</summary>
    public unsafe X25519PublicKey? ToX25519()
    {
        Sodium.EnsureInitialized();
        var x = new byte[X25519PublicKey.Bytes];
        fixed (byte* xp = x, ep = _bytes)
        {
            return Sodium.crypto_sign_ed25519_pk_to_curve25519(xp, ep) == 0 ? new X25519PublicKey(x) : null;
        }
    }

    public bool Equals(Ed25519PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as Ed25519PublicKey);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
    public override string ToString() => ToHex();
}

/// <summary>A 32-byte X25519 public key.</summary>
public sealed class X25519PublicKey : IEquatable<X25519PublicKey>
{
    /// <summary>Length in bytes.</summary>
    public const int Bytes = Sodium.X25519KeyBytes;

    private readonly byte[] _bytes;

    /// <summary>Wraps a copy of exactly 32 bytes.</summary>
    public X25519PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Bytes)
            throw new ArgumentException($"An X25519 public key is {Bytes} bytes; got {bytes.Length}.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>Parses 64 hex characters.</summary>
    public static X25519PublicKey FromHex(string hex) => new(HexKey.Parse(hex, Bytes, "X25519 public key"));

    /// <summary>The key bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Lowercase hex.</summary>
    public string ToHex() => Convert.ToHexStringLower(_bytes);

    public bool Equals(X25519PublicKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as X25519PublicKey);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
    public override string ToString() => ToHex();
}

/// <summary>Hex parsing for fixed-length keys, with messages that say what was wrong.</summary>
internal static class HexKey
{
    public static byte[] Parse(string hex, int bytes, string what)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != bytes * 2)
            throw new FormatException($"A {what} is {bytes * 2} hex characters; got {hex.Length}.");
        for (var i = 0; i < hex.Length; i++)
        {
            if (!Uri.IsHexDigit(hex[i]))
                throw new FormatException($"A {what} must be hex; character {i + 1} is '{hex[i]}'.");
        }
        return Convert.FromHexString(hex);
    }
}
