using System.Diagnostics.CodeAnalysis;

namespace Wisp.Crypto.Keys;

/// <summary>
/// An Account ID: the prefix byte <c>0x05</c> followed by the account's 32-byte X25519 public key, written as
/// 66 lowercase hex characters (Session's format).
/// </summary>
public sealed class AccountId : IEquatable<AccountId>
{
    /// <summary>The prefix byte that marks a standard (unblinded) account.</summary>
    public const byte Prefix = 0x05;

    /// <summary>Length in bytes (prefix and key).</summary>
    public const int ByteLength = 1 + X25519PublicKey.Bytes;

    /// <summary>Length in hex characters.</summary>
    public const int HexLength = ByteLength * 2;

    private readonly byte[] _bytes;

    private AccountId(X25519PublicKey key)
    {
        X25519PublicKey = key;
        _bytes = new byte[ByteLength];
        _bytes[0] = Prefix;
        key.Span.CopyTo(_bytes.AsSpan(1));
        Hex = Convert.ToHexStringLower(_bytes);
    }

    /// <summary>The Account ID of an X25519 public key.</summary>
    public static AccountId FromX25519(X25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new AccountId(key);
    }

    /// <summary>Parses 66 hex characters starting with <c>05</c>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static AccountId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Parses 66 hex characters starting with <c>05</c> (either case); on failure, <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AccountId? accountId, [NotNullWhen(false)] out string? error)
    {
        accountId = null;
        if (text is null)
        {
            error = "An Account ID is required; got nothing.";
            return false;
        }
        if (text.Length != HexLength)
        {
            error = $"An Account ID is {HexLength} hex characters; got {text.Length}.";
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                error = $"An Account ID must be hex; character {i + 1} is '{text[i]}'.";
                return false;
            }
        }
        if (text[0] != '0' || text[1] != '5')
        {
            error = $"An Account ID starts with 05; this one starts with {text[..2]}.";
            return false;
        }
        accountId = new AccountId(new X25519PublicKey(Convert.FromHexString(text.AsSpan(2))));
        error = null;
        return true;
    }

    /// <summary>The account's X25519 public key (the ID without its prefix).</summary>
    public X25519PublicKey X25519PublicKey { get; }

    /// <summary>The 33 bytes: prefix and key.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The 66 lowercase hex characters.</summary>
    public string Hex { get; }

    public bool Equals(AccountId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as AccountId);
    public override int GetHashCode() => X25519PublicKey.GetHashCode();
    public static bool operator ==(AccountId? left, AccountId? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(AccountId? left, AccountId? right) => !(left == right);

    /// <summary>The 66 lowercase hex characters.</summary>
    public override string ToString() => Hex;
}
