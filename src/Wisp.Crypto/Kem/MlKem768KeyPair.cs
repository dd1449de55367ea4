using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Kem;

/// <summary>
/// An ML-KEM-768 key pair. The 2400-byte decapsulation key lives in a pinned buffer, is never printable and is
/// zeroed by <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class MlKem768KeyPair : IDisposable
{
    private readonly byte[] _secretKey = GC.AllocateArray<byte>(MlKem768.SecretKeyBytes, pinned: true);
    private readonly byte[] _publicKey = new byte[MlKem768.PublicKeyBytes];
    private bool _disposed;

    private MlKem768KeyPair() { }

    /// <summary>
    /// The key pair of a 64-byte seed d ‖ z (FIPS 203 ML-KEM.KeyGen_internal(d, z)); libsodium's seed layout is
    /// the one libsession's mlkem-native takes, so the same seed gives Session's key.
    /// </summary>
    public static MlKem768KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != MlKem768.SeedBytes)
            throw new ArgumentException($"An ML-KEM-768 seed is {MlKem768.SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        Sodium.EnsureInitialized();
        var keyPair = new MlKem768KeyPair();
        fixed (byte* pk = keyPair._publicKey, sk = keyPair._secretKey, s = seed)
        {
            if (Sodium.crypto_kem_mlkem768_seed_keypair(pk, sk, s) != 0)
                throw new CryptographicException("crypto_kem_mlkem768_seed_keypair failed.");
        }
        return keyPair;
    }

    /// <summary>A fresh random key pair.</summary>
    public static MlKem768KeyPair Generate()
    {
        Span<byte> seed = stackalloc byte[MlKem768.SeedBytes];
        RandomBytes.Fill(seed);
        try { return FromSeed(seed); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>The 1184-byte encapsulation (public) key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The 2400-byte decapsulation key, for this library only.</summary>
    internal ReadOnlySpan<byte> SecretKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secretKey;
        }
    }

    /// <summary>
    /// Recovers the shared secret of <paramref name="ciphertext"/>. ML-KEM rejects implicitly: a ciphertext not
    /// made for this key yields an unrelated secret, so the failure shows only in the AEAD that uses it.
    /// </summary>
    public void Decapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ciphertext.Length != MlKem768.CiphertextBytes)
            throw new ArgumentException($"An ML-KEM-768 ciphertext is {MlKem768.CiphertextBytes} bytes; got {ciphertext.Length}.", nameof(ciphertext));
        if (sharedSecret.Length != MlKem768.SharedSecretBytes)
            throw new ArgumentException($"An ML-KEM-768 shared secret is {MlKem768.SharedSecretBytes} bytes; got {sharedSecret.Length}.", nameof(sharedSecret));
        fixed (byte* ss = sharedSecret, ct = ciphertext, sk = _secretKey)
        {
            if (Sodium.crypto_kem_mlkem768_dec(ss, ct, sk) != 0)
                throw new CryptographicException("crypto_kem_mlkem768_dec failed.");
        }
    }

    /// <summary>Zeroes the decapsulation key.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_secretKey);
        _disposed = true;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"MlKem768KeyPair({Convert.ToHexStringLower(_publicKey.AsSpan(0, 8))}…)";
}
