using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>The libsodium functions Wisp calls, bound with source-generated P/Invoke.</summary>
/// <remarks>
/// Every primitive Wisp uses comes from here; nothing cryptographic is implemented in C#.
/// Callers pass spans whose lengths they have already checked against the constants below.
/// </remarks>
internal static unsafe partial class Sodium
{
    private const string Library = "libsodium";

    static Sodium()
    {
        // sodium_init is idempotent and thread-safe; a negative result means the library cannot be used at all.
        if (sodium_init() < 0)
            throw new InvalidOperationException("libsodium failed to initialize.");
    }

    /// <summary>Forces the static initializer (and so sodium_init) to run.</summary>
    public static void EnsureInitialized() { }

    // Sizes
    public const int Ed25519PublicKeyBytes = 32;
    public const int Ed25519SecretKeyBytes = 64;
    public const int Ed25519SeedBytes = 32;
    public const int Ed25519SignatureBytes = 64;
    public const int X25519KeyBytes = 32;
    public const int SealBytes = 48;
    public const int BoxNonceBytes = 24;
    public const int BoxMacBytes = 16;
    public const int XChaChaKeyBytes = 32;
    public const int XChaChaNonceBytes = 24;
    public const int AeadTagBytes = 16;
    public const int AesGcmKeyBytes = 32;
    public const int AesGcmNonceBytes = 12;
    public const int ScalarBytes = 32;
    public const int NonReducedScalarBytes = 64;
    public const int PointBytes = 32;
    public const int Sha512Bytes = 64;
    public const int Sha256Bytes = 32;
    public const int HmacSha256Bytes = 32;
    public const int Blake2bSaltBytes = 16;
    public const int Blake2bPersonalBytes = 16;
    public const int Blake2bMaxKeyBytes = 64;
    public const int Blake2bMaxBytes = 64;
    public const int Blake2bMinBytes = 16;

    [LibraryImport(Library)] private static partial int sodium_init();

    [LibraryImport(Library)] public static partial void randombytes_buf(byte* buf, nuint size);
    [LibraryImport(Library)] public static partial void sodium_memzero(byte* pnt, nuint len);
    [LibraryImport(Library)] public static partial int sodium_memcmp(byte* b1, byte* b2, nuint len);

    // Ed25519
    [LibraryImport(Library)] public static partial int crypto_sign_seed_keypair(byte* pk, byte* sk, byte* seed);
    [LibraryImport(Library)] public static partial int crypto_sign_detached(byte* sig, ulong* siglen, byte* m, ulong mlen, byte* sk);
    [LibraryImport(Library)] public static partial int crypto_sign_verify_detached(byte* sig, byte* m, ulong mlen, byte* pk);
    [LibraryImport(Library)] public static partial int crypto_sign_ed25519_pk_to_curve25519(byte* curvePk, byte* edPk);
    [LibraryImport(Library)] public static partial int crypto_sign_ed25519_sk_to_curve25519(byte* curveSk, byte* edSk);

    // X25519
    [LibraryImport(Library)] public static partial int crypto_scalarmult(byte* q, byte* n, byte* p);
    [LibraryImport(Library)] public static partial int crypto_scalarmult_base(byte* q, byte* n);

    // Sealed boxes and boxes
    [LibraryImport(Library)] public static partial int crypto_box_seal(byte* c, byte* m, ulong mlen, byte* pk);
    [LibraryImport(Library)] public static partial int crypto_box_seal_open(byte* m, byte* c, ulong clen, byte* pk, byte* sk);
    [LibraryImport(Library)] public static partial int crypto_box_keypair(byte* pk, byte* sk);
    [LibraryImport(Library)] public static partial int crypto_box_seed_keypair(byte* pk, byte* sk, byte* seed);
    [LibraryImport(Library)] public static partial int crypto_box_easy(byte* c, byte* m, ulong mlen, byte* n, byte* pk, byte* sk);

    // Hashes and MACs
    [LibraryImport(Library)] public static partial int crypto_generichash(byte* @out, nuint outlen, byte* @in, ulong inlen, byte* key, nuint keylen);
    [LibraryImport(Library)]
    public static partial int crypto_generichash_blake2b_salt_personal(
        byte* @out, nuint outlen, byte* @in, ulong inlen, byte* key, nuint keylen, byte* salt, byte* personal);
    [LibraryImport(Library)] public static partial nuint crypto_generichash_statebytes();
    [LibraryImport(Library)] public static partial int crypto_generichash_init(byte* state, byte* key, nuint keylen, nuint outlen);
    [LibraryImport(Library)] public static partial int crypto_generichash_update(byte* state, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_generichash_final(byte* state, byte* @out, nuint outlen);
    [LibraryImport(Library)] public static partial int crypto_hash_sha256(byte* @out, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_hash_sha512(byte* @out, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_auth_hmacsha256(byte* @out, byte* @in, ulong inlen, byte* k);
    [LibraryImport(Library)] public static partial int crypto_auth_hmacsha256_init(byte* state, byte* key, nuint keylen);
    [LibraryImport(Library)] public static partial int crypto_auth_hmacsha256_update(byte* state, byte* @in, ulong inlen);
    [LibraryImport(Library)] public static partial int crypto_auth_hmacsha256_final(byte* state, byte* @out);
    [LibraryImport(Library)] public static partial nuint crypto_auth_hmacsha256_statebytes();

    // AEADs
    [LibraryImport(Library)]
    public static partial int crypto_aead_xchacha20poly1305_ietf_encrypt(
        byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);
    [LibraryImport(Library)]
    public static partial int crypto_aead_xchacha20poly1305_ietf_decrypt(
        byte* m, ulong* mlen, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* k);
    [LibraryImport(Library)] public static partial int crypto_aead_aes256gcm_is_available();
    [LibraryImport(Library)]
    public static partial int crypto_aead_aes256gcm_encrypt(
        byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);
    [LibraryImport(Library)]
    public static partial int crypto_aead_aes256gcm_decrypt(
        byte* m, ulong* mlen, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* k);

    // Ed25519 group and scalar arithmetic (blinding)
    [LibraryImport(Library)] public static partial void crypto_core_ed25519_scalar_reduce(byte* r, byte* s);
    [LibraryImport(Library)] public static partial void crypto_core_ed25519_scalar_mul(byte* z, byte* x, byte* y);
    [LibraryImport(Library)] public static partial void crypto_core_ed25519_scalar_add(byte* z, byte* x, byte* y);
    [LibraryImport(Library)] public static partial void crypto_core_ed25519_scalar_negate(byte* neg, byte* s);
    [LibraryImport(Library)] public static partial int crypto_core_ed25519_is_valid_point(byte* p);
    [LibraryImport(Library)] public static partial int crypto_scalarmult_ed25519_noclamp(byte* q, byte* n, byte* p);
    [LibraryImport(Library)] public static partial int crypto_scalarmult_ed25519_base_noclamp(byte* q, byte* n);

    // Password hashing (Argon2id), for data at rest
    [LibraryImport(Library)]
    public static partial int crypto_pwhash(
        byte* @out, ulong outlen, byte* passwd, ulong passwdlen, byte* salt, ulong opslimit, nuint memlimit, int alg);
    public const int PwHashAlgArgon2id13 = 2;
    public const int PwHashSaltBytes = 16;
    public const int PwHashMinOutputBytes = 16;
    public const ulong PwHashArgon2idMinOps = 1;
    public const nuint PwHashArgon2idMinMemory = 8192;
}
