using System.Security.Cryptography;
using Wisp.Crypto;
using Wisp.Crypto.Aead;

namespace Wisp.Client.LocalData;

/// <summary>
/// The random 32-byte key that encrypts an account's secrets and message content at rest (XChaCha20-Poly1305, see
/// <see cref="EncryptedColumn"/>). It is stored only wrapped by a key derived from the passphrase. Held in a pinned
/// buffer that <see cref="Dispose"/> zeroes; <see cref="ToString"/> never shows it.
/// </summary>
internal sealed class DataKey : IDisposable
{
    /// <summary>Key length in bytes.</summary>
    public const int Bytes = XChaCha20Poly1305.KeyBytes;

    private readonly byte[] _key = GC.AllocateArray<byte>(Bytes, pinned: true);
    private bool _disposed;

    internal DataKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Bytes)
            throw new ArgumentException($"A data key is {Bytes} bytes; got {key.Length}.", nameof(key));
        key.CopyTo(_key);
    }

    /// <summary>A fresh random key.</summary>
    public static DataKey Generate()
    {
        Span<byte> key = stackalloc byte[Bytes];
        RandomBytes.Fill(key);
        try { return new DataKey(key); }
        finally { CryptographicOperations.ZeroMemory(key); }
    }

    internal ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => "DataKey(***)";
}
