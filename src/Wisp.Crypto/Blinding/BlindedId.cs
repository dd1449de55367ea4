using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// A community-blinded ID: a prefix byte (<c>0x15</c> for the legacy scheme, <c>0x25</c> for the new one) and the
/// blinded Ed25519 public key, as 66 lowercase hex characters. Signatures by the blinded key are standard
/// Ed25519 signatures under <see cref="PublicKey"/>.
/// </summary>
public sealed class BlindedId : IEquatable<BlindedId>
{
    /// <summary>Prefix of a 15-blinded ID (<see cref="Blind15"/>).</summary>
    public const byte Blind15Prefix = 0x15;

    /// <summary>Prefix of a 25-blinded ID (<see cref="Blind25"/>).</summary>
    public const byte Blind25Prefix = 0x25;

    /// <summary>Length in bytes (prefix and key).</summary>
    public const int ByteLength = 1 + Ed25519PublicKey.Bytes;

    /// <summary>Length in hex characters.</summary>
    public const int HexLength = ByteLength * 2;

    private readonly byte[] _bytes;

    internal BlindedId(byte prefix, ReadOnlySpan<byte> key)
    {
        _bytes = new byte[ByteLength];
        _bytes[0] = prefix;
        key.CopyTo(_bytes.AsSpan(1));
        PublicKey = new Ed25519PublicKey(key);
        Hex = Convert.ToHexStringLower(_bytes);
    }

    /// <summary>Parses 66 hex characters starting with 15 or 25; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static BlindedId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Parses 66 hex characters starting with 15 or 25 (either case); on failure, <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BlindedId? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        if (text is null)
        {
            error = "A blinded ID is required; got nothing.";
            return false;
        }
        if (text.Length != HexLength)
        {
            error = $"A blinded ID is {HexLength} hex characters; got {text.Length}.";
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                error = $"A blinded ID must be hex; character {i + 1} is '{text[i]}'.";
                return false;
            }
        }
        var bytes = Convert.FromHexString(text);
        if (bytes[0] is not (Blind15Prefix or Blind25Prefix))
        {
            error = $"A blinded ID starts with 15 or 25; this one starts with {text[..2]}.";
            return false;
        }
        id = new BlindedId(bytes[0], bytes.AsSpan(1));
        error = null;
        return true;
    }

    /// <summary>The prefix byte: <see cref="Blind15Prefix"/> or <see cref="Blind25Prefix"/>.</summary>
    public byte Prefix => _bytes[0];

    /// <summary>The blinded Ed25519 public key (the ID without its prefix).</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>The 33 bytes: prefix and key.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The 66 lowercase hex characters.</summary>
    public string Hex { get; }

    /// <summary>
    /// True when this ID is <paramref name="account"/>'s blinded ID on the community server whose X25519 key is
    /// <paramref name="serverKey"/>. A 15-ID matches either sign, since a bare Account ID cannot tell them apart.
    /// </summary>
    public bool IsBlindingOf(AccountId account, X25519PublicKey serverKey)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(serverKey);
        if (Prefix == Blind25Prefix)
            return Blind25.TryGetId(account, serverKey, out var id25) && Equals(id25);
        return Blind15.TryGetPossibleIds(account, serverKey, out var positive, out var negative)
            && (Equals(positive) || Equals(negative));
    }

    public bool Equals(BlindedId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as BlindedId);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 1);

    /// <summary>The 66 lowercase hex characters.</summary>
    public override string ToString() => Hex;
}
