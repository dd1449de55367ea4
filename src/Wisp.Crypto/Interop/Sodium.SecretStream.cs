using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>libsodium's secretstream and incremental SHA-256, for attachments streamed in bounded pieces.</summary>
internal static unsafe partial class Sodium
{
    public const int SecretStreamKeyBytes = 32;
    public const int SecretStreamHeaderBytes = 24;
    public const int SecretStreamABytes = 17;
    public const byte SecretStreamTagMessage = 0;
    public const byte SecretStreamTagFinal = 3;

    // crypto_secretstream_xchacha20poly1305 (the state is 52 opaque bytes; its size is asked for, not assumed)
    [LibraryImport(Library)] public static partial nuint crypto_secretstream_xchacha20poly1305_statebytes();
    [LibraryImport(Library)] public static partial void crypto_secretstream_xchacha20poly1305_keygen(byte* k);
    [LibraryImport(Library)] public static partial int crypto_secretstream_xchacha20poly1305_init_push(byte* state, byte* header, byte* k);
    [LibraryImport(Library)]
    public static partial int crypto_secretstream_xchacha20poly1305_push(
        byte* state, byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen, byte tag);
    [LibraryImport(Library)] public static partial int crypto_secretstream_xchacha20poly1305_init_pull(byte* state, byte* header, byte* k);
    [LibraryImport(Library)]
    public static partial int crypto_secretstream_xchacha20poly1305_pull(
        byte* state, byte* m, ulong* mlen, byte* tag, byte* c, ulong clen, byte* ad, ulong adlen);

    // Incremental SHA-256 (Session's attachment digest over a stream that never sits in memory whole)
    [LibraryImport(Library)] public static partial nuint crypto_hash_sha256_statebytes();
    [LibraryImport(Library)] public static partial int crypto_hash_sha256_init(byte* state);
    [LibraryImport(Library)] public static partial int crypto_hash_sha256_update(byte* state, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_hash_sha256_final(byte* state, byte* @out);
}
