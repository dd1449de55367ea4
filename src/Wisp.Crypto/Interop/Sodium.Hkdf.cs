using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>libsodium's HKDF-SHA256 (RFC 5869), which Wisp's ratchet uses for its root and message-key derivations.</summary>
internal static unsafe partial class Sodium
{
    public const int HkdfSha256PrkBytes = 32;

    [LibraryImport(Library)]
    public static partial int crypto_kdf_hkdf_sha256_extract(byte* prk, byte* salt, nuint saltLength, byte* ikm, nuint ikmLength);

    [LibraryImport(Library)]
    public static partial int crypto_kdf_hkdf_sha256_expand(byte* output, nuint outputLength, byte* context, nuint contextLength, byte* prk);
}
