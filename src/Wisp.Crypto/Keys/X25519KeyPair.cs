using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Keys;

/// <summary>
/// A bare X25519 key pair: an onion layer's ephemeral key, or a node's key for onion hops. The secret scalar lives
/// in a pinned buffer, is never printable, and is zeroed by <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class X25519KeyPair : IDisposable
{
    /// <summary>Secret key length in bytes.</summary>
    public const int SecretKeyBytes = Sodium.X25519KeyBytes;

    private readonly byte[] _secretKey = GC.AllocateArray<byte>(SecretKeyBytes, pinned: true);
    private bool _disposed;

    private X25519KeyPair(ReadOnlySpan<byte> secretKey)
    {
        secretKey.CopyTo(_secretKey);
        Sodium.EnsureInitialized();
        var publicKey = new byte[X25519PublicKey.Bytes];
        fixed (byte* pk = publicKey, sk = _secretKey)
        {
            // Fails only for a secret whose public key would be the all-zero point; a random one never is.
            if (Sodium.crypto_scalarmult_base(pk, sk) != 0)
                throw new ArgumentException("This X25519 secret key has no usable public key.", nameof(secretKey));
        }
        PublicKey = new X25519PublicKey(publicKey);
    }

    /// <summary>Makes a fresh random key pair.</summary>
    public static X25519KeyPair Generate()
    {
        Span<byte> secret = stackalloc byte[SecretKeyBytes];
        RandomBytes.Fill(secret);
        try { return new X25519KeyPair(secret); }
        finally { CryptographicOperations.ZeroMemory(secret); }
    }

    /// <summary>Makes the key pair of a 32-byte X25519 secret key (copied; the caller still owns and should wipe its copy).</summary>
    public static X25519KeyPair FromSecret(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != SecretKeyBytes)
            throw new ArgumentException($"An X25519 secret key is {SecretKeyBytes} bytes; got {secretKey.Length}.", nameof(secretKey));
        return new X25519KeyPair(secretKey);
    }

    /// <summary>The X25519 twin of an Ed25519 key pair (libsodium's conversion), as its own disposable key pair.</summary>
    public static X25519KeyPair FromEd25519(Ed25519KeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        return new X25519KeyPair(keyPair.X25519SecretKey);
    }

    /// <summary>The public key.</summary>
    public X25519PublicKey PublicKey { get; }

    /// <summary>The 32-byte secret scalar, for this library's key agreement only.</summary>
    internal ReadOnlySpan<byte> SecretKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secretKey;
        }
    }

    /// <summary>Zeroes the secret key.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_secretKey);
        _disposed = true;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"X25519KeyPair({PublicKey})";
}
