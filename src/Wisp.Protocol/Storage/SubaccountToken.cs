using System.Diagnostics.CodeAnalysis;

namespace Wisp.Protocol.Storage;

/// <summary>
/// The permissions a subaccount token grants (its second byte; Session's <c>subaccount_access</c>). Other bits are
/// reserved and ignored.
/// </summary>
[Flags]
public enum SubaccountAccess : byte
{
    /// <summary>No permission.</summary>
    None = 0,
    /// <summary>retrieve, get_expiries.</summary>
    Read = 0b0001,
    /// <summary>store; expire (extending only, unless Delete too).</summary>
    Write = 0b0010,
    /// <summary>delete, delete_all, delete_before, expire_all, shortening expire; with Write, stores to public outboxes.</summary>
    Delete = 0b0100,
    /// <summary>Valid for the account's key under any prefix byte, not only the token's own.</summary>
    AnyPrefix = 0b1000,
}

/// <summary>
/// A subaccount token (36 bytes, Session's format): the account's prefix byte, the permission flags, two reserved
/// bytes, and the 32-byte Ed25519 key of the subaccount, which signs requests in place of the owner. The owner grants
/// it by signing these 36 bytes (<c>subaccount_sig</c>). In JSON: 48 base64 or 72 hex characters.
/// </summary>
public sealed class SubaccountToken : IEquatable<SubaccountToken>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 36;

    private readonly byte[] _bytes;

    private SubaccountToken(byte[] bytes) => _bytes = bytes;

    /// <summary>A copy of exactly 36 bytes.</summary>
    public static SubaccountToken FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
            throw new ArgumentException($"A subaccount token is {Length} bytes; got {bytes.Length}.", nameof(bytes));
        return new SubaccountToken(bytes.ToArray());
    }

    /// <summary>A token for <paramref name="prefix"/> with <paramref name="access"/>, for the subaccount key <paramref name="pubkey"/>.</summary>
    public static SubaccountToken Create(byte prefix, SubaccountAccess access, ReadOnlySpan<byte> pubkey)
    {
        if (pubkey.Length != 32)
            throw new ArgumentException("A subaccount key is 32 bytes.", nameof(pubkey));
        var bytes = new byte[Length];
        bytes[0] = prefix;
        bytes[1] = (byte)access;
        pubkey.CopyTo(bytes.AsSpan(4));
        return new SubaccountToken(bytes);
    }

    /// <summary>Reads the JSON form: 48 base64 characters (Session's alphabets) or 72 hex characters; null otherwise.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SubaccountToken? token)
    {
        ArgumentNullException.ThrowIfNull(text);
        token = null;
        if (text.Length == Length * 4 / 3 && Rpc.SessionBase64.IsValid(text))
            token = new SubaccountToken(Rpc.SessionBase64.Decode(text));
        else if (text.Length == Length * 2 && text.All(char.IsAsciiHexDigit))
            token = new SubaccountToken(Convert.FromHexString(text));
        return token is not null;
    }

    /// <summary>The 36 bytes (what the owner signs).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The prefix byte of the account it is for.</summary>
    public byte Prefix => _bytes[0];

    /// <summary>The permission flags.</summary>
    public SubaccountAccess Flags => (SubaccountAccess)_bytes[1];

    /// <summary>The subaccount's Ed25519 key, which signs its requests.</summary>
    public ReadOnlySpan<byte> Pubkey => _bytes.AsSpan(4);

    /// <summary>True when every flag of <paramref name="access"/> is granted.</summary>
    public bool Has(SubaccountAccess access) => (Flags & access) == access;

    /// <summary>True when the token is for an account with prefix <paramref name="prefix"/> (or any, with AnyPrefix).</summary>
    public bool AllowsPrefix(byte prefix) => Prefix == prefix || Has(SubaccountAccess.AnyPrefix);

    /// <summary>Base64 of the 36 bytes (48 characters, no padding needed).</summary>
    public override string ToString() => Convert.ToBase64String(_bytes);

    /// <inheritdoc />
    public bool Equals(SubaccountToken? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SubaccountToken);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 4);
}
