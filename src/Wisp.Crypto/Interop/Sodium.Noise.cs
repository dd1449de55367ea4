using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>libsodium's ChaCha20-Poly1305 (IETF, 96-bit nonce): the Noise ChaChaPoly cipher.</summary>
internal static unsafe partial class Sodium
{
    public const int ChaChaPolyIetfKeyBytes = 32;
    public const int ChaChaPolyIetfNonceBytes = 12;
    public const int ChaChaPolyIetfTagBytes = 16;

    [LibraryImport(Library)]
    public static partial int crypto_aead_chacha20poly1305_ietf_encrypt(
        byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    [LibraryImport(Library)]
    public static partial int crypto_aead_chacha20poly1305_ietf_decrypt(
        byte* m, ulong* mlen, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* k);
}
