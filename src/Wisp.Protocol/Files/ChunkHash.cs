using System.Buffers;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Files;

/// <summary>
/// A chunk's address: BLAKE2b-256 (no key) of the chunk's bytes as they are stored (ciphertext), written as 64
/// lowercase hex characters.
/// </summary>
public static class ChunkHash
{
    /// <summary>Digest length in bytes.</summary>
    public const int Bytes = 32;

    /// <summary>Length of the hex form.</summary>
    public const int HexLength = Bytes * 2;

    /// <summary>The hash of <paramref name="chunk"/> in hex.</summary>
    public static string Of(ReadOnlySpan<byte> chunk) => Convert.ToHexStringLower(Blake2b.Hash(chunk, Bytes));

    /// <summary>An incremental hasher for a chunk that arrives in pieces; finish it with <see cref="Finish"/>.</summary>
    public static Blake2bHasher CreateHasher() => Blake2b.CreateIncremental(Bytes);

    /// <summary>The hex hash a finished hasher gives.</summary>
    public static string Finish(Blake2bHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return Convert.ToHexStringLower(hasher.Finish());
    }

    /// <summary>True for 64 lowercase hex characters (the only spelling, so one chunk has one address).</summary>
    public static bool IsValid(string? hash) =>
        hash is { Length: HexLength } && hash.AsSpan().IndexOfAnyExcept(LowerHex) < 0;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
}
