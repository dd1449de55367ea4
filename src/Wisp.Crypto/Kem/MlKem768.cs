using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Kem;

/// <summary>
/// ML-KEM-768 (FIPS 203) encapsulation through libsodium. Key pairs are <see cref="MlKem768KeyPair"/>; this class
/// encapsulates to a public key.
/// </summary>
public static unsafe class MlKem768
{
    /// <summary>Key-generation seed length: d ‖ z, 32 bytes each (FIPS 203 ML-KEM.KeyGen_internal), as Session stores it.</summary>
    public const int SeedBytes = Sodium.MlKem768SeedBytes;

    /// <summary>Encapsulation key length.</summary>
    public const int PublicKeyBytes = Sodium.MlKem768PublicKeyBytes;

    /// <summary>Decapsulation key length.</summary>
    public const int SecretKeyBytes = Sodium.MlKem768SecretKeyBytes;

    /// <summary>Ciphertext length.</summary>
    public const int CiphertextBytes = Sodium.MlKem768CiphertextBytes;

    /// <summary>Shared secret length.</summary>
    public const int SharedSecretBytes = Sodium.MlKem768SharedSecretBytes;

    /// <summary>The randomness one encapsulation consumes (FIPS 203 "m").</summary>
    public const int EncapsulationSeedBytes = Sodium.MlKem768EncapsulationSeedBytes;

    /// <summary>Encapsulates a fresh shared secret to <paramref name="publicKey"/>.</summary>
    /// <exception cref="ArgumentException">A length is wrong or the key fails FIPS 203's modulus check.</exception>
    public static void Encapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        CheckLengths(publicKey, ciphertext, sharedSecret);
        Sodium.EnsureInitialized();
        fixed (byte* pk = publicKey, ct = ciphertext, ss = sharedSecret)
        {
            if (Sodium.crypto_kem_mlkem768_enc(ct, ss, pk) != 0)
                throw new ArgumentException("The ML-KEM-768 public key is not valid.", nameof(publicKey));
        }
    }

    /// <summary>
    /// Encapsulates with caller-chosen randomness <paramref name="coins"/> (32 bytes). For known-answer tests and
    /// for reproducing another implementation's output; never reuse coins in real messages.
    /// </summary>
    public static void EncapsulateDeterministic(
        ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> coins, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        CheckLengths(publicKey, ciphertext, sharedSecret);
        if (coins.Length != EncapsulationSeedBytes)
            throw new ArgumentException($"ML-KEM-768 coins are {EncapsulationSeedBytes} bytes; got {coins.Length}.", nameof(coins));
        Sodium.EnsureInitialized();
        fixed (byte* pk = publicKey, m = coins, ct = ciphertext, ss = sharedSecret)
        {
            if (Sodium.crypto_kem_mlkem768_enc_deterministic(ct, ss, pk, m) != 0)
                throw new ArgumentException("The ML-KEM-768 public key is not valid.", nameof(publicKey));
        }
    }

    /// <summary>True when <paramref name="publicKey"/> has the right length and encapsulation accepts it.</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyBytes)
            return false;
        Span<byte> ciphertext = stackalloc byte[CiphertextBytes];
        Span<byte> sharedSecret = stackalloc byte[SharedSecretBytes];
        Span<byte> coins = stackalloc byte[EncapsulationSeedBytes];
        coins.Clear();
        Sodium.EnsureInitialized();
        fixed (byte* pk = publicKey, m = coins, ct = ciphertext, ss = sharedSecret)
        {
            var ok = Sodium.crypto_kem_mlkem768_enc_deterministic(ct, ss, pk, m) == 0;
            Sodium.sodium_memzero(ss, (nuint)SharedSecretBytes);
            return ok;
        }
    }

    private static void CheckLengths(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> sharedSecret)
    {
        if (publicKey.Length != PublicKeyBytes)
            throw new ArgumentException($"An ML-KEM-768 public key is {PublicKeyBytes} bytes; got {publicKey.Length}.", nameof(publicKey));
        if (ciphertext.Length != CiphertextBytes)
            throw new ArgumentException($"An ML-KEM-768 ciphertext is {CiphertextBytes} bytes; got {ciphertext.Length}.", nameof(ciphertext));
        if (sharedSecret.Length != SharedSecretBytes)
            throw new ArgumentException($"An ML-KEM-768 shared secret is {SharedSecretBytes} bytes; got {sharedSecret.Length}.", nameof(sharedSecret));
    }
}
