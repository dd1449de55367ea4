using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Keys;

/// <summary>
/// An Ed25519 key pair made from a 32-byte seed, with its X25519 twin from libsodium's standard conversion.
/// This is what an account, a node or a group is. The secret parts are zeroed by <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class Ed25519KeyPair : IDisposable
{
    /// <summary>Seed length in bytes.</summary>
    public const int SeedBytes = Sodium.Ed25519SeedBytes;

    // libsodium's 64-byte secret key: seed || public key. Pinned so the GC never leaves copies behind.
    private readonly byte[] _secretKey = GC.AllocateArray<byte>(Sodium.Ed25519SecretKeyBytes, pinned: true);
    private readonly byte[] _x25519SecretKey = GC.AllocateArray<byte>(Sodium.X25519KeyBytes, pinned: true);
    private bool _disposed;

    private Ed25519KeyPair(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
            throw new ArgumentException($"An Ed25519 seed is {SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        Sodium.EnsureInitialized();
        var publicKey = new byte[Sodium.Ed25519PublicKeyBytes];
        var x25519PublicKey = new byte[Sodium.X25519KeyBytes];
        fixed (byte* s = seed, pk = publicKey, sk = _secretKey, xpk = x25519PublicKey, xsk = _x25519SecretKey)
        {
            if (Sodium.crypto_sign_seed_keypair(pk, sk, s) != 0)
                throw new CryptographicException("crypto_sign_seed_keypair failed.");
            if (Sodium.crypto_sign_ed25519_pk_to_curve25519(xpk, pk) != 0)
                throw new CryptographicException("The Ed25519 public key has no X25519 form.");
            Sodium.crypto_sign_ed25519_sk_to_curve25519(xsk, sk);
        }
        PublicKey = new Ed25519PublicKey(publicKey);
        X25519PublicKey = new X25519PublicKey(x25519PublicKey);
        AccountId = AccountId.FromX25519(X25519PublicKey);
    }

    /// <summary>Makes the key pair of a 32-byte seed.</summary>
    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed) => new(seed);

    /// <summary>Makes a key pair from a fresh random seed.</summary>
    public static Ed25519KeyPair Generate()
    {
        Span<byte> seed = stackalloc byte[SeedBytes];
        RandomBytes.Fill(seed);
        try { return new Ed25519KeyPair(seed); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>The Ed25519 public key.</summary>
    public Ed25519PublicKey PublicKey { get; }

    /// <summary>The X25519 public key (libsodium's conversion of <see cref="PublicKey"/>).</summary>
    public X25519PublicKey X25519PublicKey { get; }

    /// <summary>The Account ID: <c>05</c> + hex of <see cref="X25519PublicKey"/>.</summary>
    public AccountId AccountId { get; }

    /// <summary>The 32-byte seed. Handle with care: it is the whole identity.</summary>
    public ReadOnlySpan<byte> Seed => Alive()[..SeedBytes];

    /// <summary>libsodium's 64-byte secret key (seed ‖ public key).</summary>
    internal ReadOnlySpan<byte> SecretKey => Alive();

    /// <summary>The X25519 secret scalar (clamped first half of SHA-512(seed)).</summary>
    internal ReadOnlySpan<byte> X25519SecretKey
    {
        get { Alive(); return _x25519SecretKey; }
    }

    private byte[] Alive()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _secretKey;
    }

    /// <summary>Zeroes the secret key material.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_secretKey);
        CryptographicOperations.ZeroMemory(_x25519SecretKey);
        _disposed = true;
    }

    /// <summary>Never prints secrets.</summary>
    public override string ToString() => $"Ed25519KeyPair({PublicKey})";
}
