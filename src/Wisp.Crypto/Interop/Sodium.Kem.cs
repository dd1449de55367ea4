using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>The libsodium 1.0.22 functions protocol v2 needs: ML-KEM-768, SHA3-256 and SHAKE256.</summary>
internal static unsafe partial class Sodium
{
    public const int MlKem768SeedBytes = 64;
    public const int MlKem768PublicKeyBytes = 1184;
    public const int MlKem768SecretKeyBytes = 2400;
    public const int MlKem768CiphertextBytes = 1088;
    public const int MlKem768SharedSecretBytes = 32;
    public const int MlKem768EncapsulationSeedBytes = 32;
    public const int Sha3256Bytes = 32;

    // ML-KEM-768 (FIPS 203)
    [LibraryImport(Library)] public static partial nuint crypto_kem_mlkem768_seedbytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_mlkem768_publickeybytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_mlkem768_secretkeybytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_mlkem768_ciphertextbytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_mlkem768_sharedsecretbytes();
    [LibraryImport(Library)] public static partial int crypto_kem_mlkem768_keypair(byte* pk, byte* sk);
    [LibraryImport(Library)] public static partial int crypto_kem_mlkem768_seed_keypair(byte* pk, byte* sk, byte* seed);
    [LibraryImport(Library)] public static partial int crypto_kem_mlkem768_enc(byte* ct, byte* ss, byte* pk);
    [LibraryImport(Library)] public static partial int crypto_kem_mlkem768_enc_deterministic(byte* ct, byte* ss, byte* pk, byte* seed);
    [LibraryImport(Library)] public static partial int crypto_kem_mlkem768_dec(byte* ss, byte* ct, byte* sk);

    // X-Wing (draft-connolly-cfrg-xwing-kem); only the tests use it, to check Session's hand-made combiner against it.
    [LibraryImport(Library)] public static partial nuint crypto_kem_xwing_seedbytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_xwing_publickeybytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_xwing_secretkeybytes();
    [LibraryImport(Library)] public static partial nuint crypto_kem_xwing_ciphertextbytes();
    [LibraryImport(Library)] public static partial int crypto_kem_xwing_seed_keypair(byte* pk, byte* sk, byte* seed);
    [LibraryImport(Library)] public static partial int crypto_kem_xwing_enc(byte* ct, byte* ss, byte* pk);
    [LibraryImport(Library)] public static partial int crypto_kem_xwing_dec(byte* ss, byte* ct, byte* sk);

    // SHA3-256 (FIPS 202)
    [LibraryImport(Library)] public static partial int crypto_hash_sha3256(byte* @out, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial nuint crypto_hash_sha3256_statebytes();
    [LibraryImport(Library)] public static partial int crypto_hash_sha3256_init(byte* state);
    [LibraryImport(Library)] public static partial int crypto_hash_sha3256_update(byte* state, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_hash_sha3256_final(byte* state, byte* @out);

    // SHAKE256 (FIPS 202 XOF)
    [LibraryImport(Library)] public static partial int crypto_xof_shake256(byte* @out, nuint outlen, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial nuint crypto_xof_shake256_statebytes();
    [LibraryImport(Library)] public static partial int crypto_xof_shake256_init(byte* state);
    [LibraryImport(Library)] public static partial int crypto_xof_shake256_update(byte* state, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_xof_shake256_squeeze(byte* state, byte* @out, nuint outlen);
}
