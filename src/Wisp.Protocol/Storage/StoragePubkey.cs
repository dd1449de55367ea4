using System.Diagnostics.CodeAnalysis;

namespace Wisp.Protocol.Storage;

/// <summary>
/// The address a storage request is for (Session's <c>pubkey</c> field): one prefix byte — 05 for an account,
/// 03 for a group, others for other key kinds — and 32 key bytes, written as 66 hex characters. For a 05 account the
/// 32 bytes are its X25519 key; for other prefixes they are the Ed25519 key that signs for it.
/// </summary>
public sealed class StoragePubkey : IEquatable<StoragePubkey>
{
    /// <summary>Length in bytes, prefix included.</summary>
    public const int ByteLength = 33;

    /// <summary>Length in hex characters.</summary>
    public const int HexLength = ByteLength * 2;

    /// <summary>The prefix byte of a standard account (X25519 key).</summary>
    public const byte AccountPrefix = 0x05;

    private readonly byte[] _bytes;

    private StoragePubkey(byte[] bytes)
    {
        _bytes = bytes;
        Hex = Convert.ToHexStringLower(bytes);
    }

    /// <summary>Wraps a copy of exactly 33 bytes (prefix and key).</summary>
    public static StoragePubkey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
            throw new ArgumentException($"A storage pubkey is {ByteLength} bytes; got {bytes.Length}.", nameof(bytes));
        return new StoragePubkey(bytes.ToArray());
    }

    /// <summary>Parses 66 hex characters (either case); on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? hex, [NotNullWhen(true)] out StoragePubkey? pubkey, [NotNullWhen(false)] out string? error)
    {
        pubkey = null;
        if (hex is null || hex.Length != HexLength)
        {
            error = $"must be {HexLength} hex characters (a prefix byte and a 32-byte key); got {hex?.Length ?? 0}";
            return false;
        }
        for (var i = 0; i < hex.Length; i++)
        {
            if (!char.IsAsciiHexDigit(hex[i]))
            {
                error = $"must be hex; character {i + 1} is '{hex[i]}'";
                return false;
            }
        }
        pubkey = new StoragePubkey(Convert.FromHexString(hex));
        error = null;
        return true;
    }

    /// <summary>
    /// Loads a pubkey as Session's <c>user_pubkey::load</c> does: 66 hex characters, or a string of exactly 33 bytes
    /// (UTF-8) taken as the raw prefix and key.
    /// </summary>
    public static bool TryLoad(string text, [NotNullWhen(true)] out StoragePubkey? pubkey)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == HexLength && TryParse(text, out pubkey, out _))
            return true;
        pubkey = System.Text.Encoding.UTF8.GetByteCount(text) == ByteLength
            ? new StoragePubkey(System.Text.Encoding.UTF8.GetBytes(text))
            : null;
        return pubkey is not null;
    }

    /// <summary>The prefix byte (Session's "network byte"): 05 account, 03 group, …</summary>
    public byte Prefix => _bytes[0];

    /// <summary>True for a 05 account, whose key is X25519 and whose requests are signed by its Ed25519 twin.</summary>
    public bool IsAccount => Prefix == AccountPrefix;

    /// <summary>The 32 key bytes, without the prefix.</summary>
    public ReadOnlySpan<byte> Key => _bytes.AsSpan(1);

    /// <summary>All 33 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The 66 lowercase hex characters (Session's <c>prefixed_hex</c>).</summary>
    public string Hex { get; }

    public bool Equals(StoragePubkey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as StoragePubkey);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 1);

    /// <summary>The 66 lowercase hex characters.</summary>
    public override string ToString() => Hex;
}
