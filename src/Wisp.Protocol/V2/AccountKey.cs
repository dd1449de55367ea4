using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Protocol.V2;

/// <summary>
/// One account key: a 32-byte seed expanded by <c>SHAKE256("SessionAccountKeys" ‖ seed)</c> into a 32-byte X25519
/// secret and a 64-byte ML-KEM-768 seed. Every device of an account holds the same seeds; the public halves are
/// published as an <see cref="AccountKeyBundle"/>. Disposing wipes the seed and both secret keys.
/// </summary>
public sealed class AccountKey : IDisposable
{
    /// <summary>Seed length in bytes.</summary>
    public const int SeedBytes = 32;

    private static readonly byte[] s_domain = Encoding.ASCII.GetBytes("SessionAccountKeys");
    private readonly byte[] _seed = GC.AllocateArray<byte>(SeedBytes, pinned: true);
    private bool _disposed;

    private AccountKey(ReadOnlySpan<byte> seed)
    {
        seed.CopyTo(_seed);
        Span<byte> expanded = stackalloc byte[X25519KeyPair.SecretKeyBytes + MlKem768.SeedBytes];
        try
        {
            using var xof = Shake256Hash.Create();
            xof.Update(s_domain);
            xof.Update(seed);
            xof.Squeeze(expanded);
            X25519 = X25519KeyPair.FromSecret(expanded[..X25519KeyPair.SecretKeyBytes]);
            MlKem = MlKem768KeyPair.FromSeed(expanded[X25519KeyPair.SecretKeyBytes..]);
        }
        finally { CryptographicOperations.ZeroMemory(expanded); }
    }

    /// <summary>Expands a 32-byte seed.</summary>
    public static AccountKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
            throw new ArgumentException($"An account key seed is {SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        return new AccountKey(seed);
    }

    /// <summary>A fresh random account key.</summary>
    public static AccountKey Generate()
    {
        Span<byte> seed = stackalloc byte[SeedBytes];
        RandomBytes.Fill(seed);
        try { return new AccountKey(seed); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>The seed (what devices store and share).</summary>
    public ReadOnlySpan<byte> Seed
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _seed;
        }
    }

    /// <summary>The X25519 half (X).</summary>
    public X25519KeyPair X25519 { get; }

    /// <summary>The ML-KEM-768 half (M).</summary>
    public MlKem768KeyPair MlKem { get; }

    /// <summary>The public halves, as published in namespace −21.</summary>
    public AccountKeyBundle ToBundle() => new(MlKem.PublicKey, X25519.PublicKey);

    /// <summary>Wipes the seed and both secret keys.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_seed);
        X25519.Dispose();
        MlKem.Dispose();
        _disposed = true;
    }

    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"AccountKey({X25519.PublicKey})";
}
