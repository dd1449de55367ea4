using System.Security.Cryptography;

namespace Wisp.Crypto.Keys;

/// <summary>
/// The raw result of an X25519 key agreement. It is not a key: only this library's key derivations accept it
/// (there is no public access to its bytes), so it cannot be used as a cipher key by mistake. Zeroed by
/// <see cref="Dispose"/>.
/// </summary>
public sealed class SharedSecret : IDisposable
{
    /// <summary>Length in bytes.</summary>
    public const int Bytes = 32;

    private readonly byte[] _bytes = GC.AllocateArray<byte>(Bytes, pinned: true);
    private bool _disposed;

    internal SharedSecret(ReadOnlySpan<byte> bytes) => bytes.CopyTo(_bytes);

    /// <summary>The secret bytes, for the key derivations in this library.</summary>
    internal ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>Zeroes the secret.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => "SharedSecret(32 bytes, hidden)";
}
