using System.Security.Cryptography;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Mnemonic;

/// <summary>Which word list and encoding a recovery phrase used.</summary>
public enum RecoveryPhraseKind
{
    /// <summary>Wisp's 24-word BIP39 English phrase: the seed is the 32 bytes of entropy.</summary>
    Bip39,

    /// <summary>Session's 13-word phrase: the seed is the 16 decoded bytes followed by 16 zero bytes.</summary>
    Session,
}

/// <summary>
/// The 32-byte Ed25519 seed a recovery phrase spells, and which kind of phrase it was. The seed lives in a pinned
/// buffer that <see cref="Dispose"/> zeroes; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class RecoveredSeed : IDisposable
{
    private readonly byte[] _seed = GC.AllocateArray<byte>(Ed25519KeyPair.SeedBytes, pinned: true);
    private bool _disposed;

    internal RecoveredSeed(RecoveryPhraseKind kind, ReadOnlySpan<byte> seed)
    {
        Kind = kind;
        seed.CopyTo(_seed);
    }

    /// <summary>Which kind of phrase the seed came from.</summary>
    public RecoveryPhraseKind Kind { get; }

    /// <summary>The 32-byte Ed25519 seed: the whole identity.</summary>
    public ReadOnlySpan<byte> Seed
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _seed;
        }
    }

    /// <summary>The account's key pair.</summary>
    public Ed25519KeyPair ToKeyPair() => Ed25519KeyPair.FromSeed(Seed);

    /// <summary>Zeroes the seed.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seed);
        _disposed = true;
    }

    /// <summary>Names the kind only; never the seed.</summary>
    public override string ToString() => $"RecoveredSeed({Kind})";
}
