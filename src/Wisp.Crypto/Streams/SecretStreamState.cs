using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Streams;

/// <summary>
/// The opaque secretstream state (key-derived, so secret) in a pinned, 16-byte aligned buffer that is wiped on
/// dispose. Shared by the encryptor and the decryptor.
/// </summary>
internal sealed unsafe class SecretStreamState : IDisposable
{
    private readonly byte[] _buffer;
    private bool _disposed;

    public SecretStreamState()
    {
        Sodium.EnsureInitialized();
        _buffer = GC.AllocateArray<byte>((int)Sodium.crypto_secretstream_xchacha20poly1305_statebytes() + 16, pinned: true);
    }

    /// <summary>The aligned start of the state; valid until dispose.</summary>
    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var p = (byte*)Unsafe.AsPointer(ref _buffer[0]);
            return (byte*)(((nint)p + 15) & ~(nint)15);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_buffer);
        _disposed = true;
    }
}
