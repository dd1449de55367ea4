using System.Security.Cryptography;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Ratchet;

/// <summary>
/// The opener's side of the ratchet's seed exchange: a fresh X25519 key pair and ML-KEM-768 key pair whose public
/// halves ride in the opener's messages until the peer accepts. Kept (secretly) until then; zeroed by Dispose.
/// </summary>
public sealed class RatchetHello : IDisposable
{
    /// <summary>Length of <see cref="ExportSecret"/>'s output: X25519 secret ‖ ML-KEM seed.</summary>
    public const int SecretBytes = X25519KeyPair.SecretKeyBytes + MlKem768.SeedBytes;

    private readonly byte[] _secret;

    private RatchetHello(byte[] secret)
    {
        _secret = secret;
        using var x = X25519KeyPair.FromSecret(secret.AsSpan(0, X25519KeyPair.SecretKeyBytes));
        using var kem = MlKem768KeyPair.FromSeed(secret.AsSpan(X25519KeyPair.SecretKeyBytes));
        X25519PublicKey = x.PublicKey;
        KemPublicKey = kem.PublicKey.ToArray();
    }

    /// <summary>A fresh hello.</summary>
    public static RatchetHello Generate() => new(RandomBytes.Get(SecretBytes));

    /// <summary>Restores a hello from <see cref="ExportSecret"/>'s bytes.</summary>
    public static RatchetHello Import(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretBytes)
            throw new ArgumentException($"A ratchet hello secret is {SecretBytes} bytes; got {secret.Length}.", nameof(secret));
        return new RatchetHello(secret.ToArray());
    }

    /// <summary>The X25519 public key to advertise.</summary>
    public X25519PublicKey X25519PublicKey { get; }

    /// <summary>The ML-KEM-768 public key to advertise (1,184 bytes).</summary>
    public byte[] KemPublicKey { get; }

    /// <summary>The secret halves, for encrypted storage only.</summary>
    public byte[] ExportSecret() => (byte[])_secret.Clone();

    internal ReadOnlySpan<byte> X25519Secret => _secret.AsSpan(0, X25519KeyPair.SecretKeyBytes);

    internal ReadOnlySpan<byte> KemSeed => _secret.AsSpan(X25519KeyPair.SecretKeyBytes);

    /// <summary>Zeroes the secrets.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"RatchetHello({X25519PublicKey})";
}
