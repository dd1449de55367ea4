using System.Security.Cryptography;
using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Blinding;

/// <summary>SHA-512 of concatenated parts, for the blinded-signature hashes.</summary>
internal static class BlindingSha512
{
    public const int HashBytes = Sha512.HashBytes;

    /// <summary>SHA-512(a ‖ b ‖ c). The parts may be secret: the joined copy is pinned and zeroed.</summary>
    public static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> output)
    {
        var joined = GC.AllocateUninitializedArray<byte>(a.Length + b.Length + c.Length, pinned: true);
        try
        {
            a.CopyTo(joined);
            b.CopyTo(joined.AsSpan(a.Length));
            c.CopyTo(joined.AsSpan(a.Length + b.Length));
            Sha512.Hash(joined, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(joined);
        }
    }
}
