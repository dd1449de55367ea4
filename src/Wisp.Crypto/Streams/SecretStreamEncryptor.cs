using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Streams;

/// <summary>
/// The sending side of libsodium's <c>crypto_secretstream_xchacha20poly1305</c>: a 24-byte header, then one
/// ciphertext per plaintext piece (17 bytes longer), the last one tagged final so that a truncated stream does not
/// decrypt. Pieces are authenticated in order: none can be dropped, repeated or moved without the reader noticing.
/// Dispose wipes the state.
/// </summary>
public sealed unsafe class SecretStreamEncryptor : IDisposable
{
    /// <summary>Key length in bytes.</summary>
    public const int KeyBytes = Sodium.SecretStreamKeyBytes;

    /// <summary>Header length in bytes: written first, read first.</summary>
    public const int HeaderBytes = Sodium.SecretStreamHeaderBytes;

    /// <summary>What each piece's ciphertext adds to its plaintext (a 1-byte tag and a 16-byte MAC).</summary>
    public const int ABytes = Sodium.SecretStreamABytes;

    private readonly SecretStreamState _state = new();
    private bool _finished;

    /// <summary>Starts a stream under <paramref name="key"/> (32 bytes) and writes its header (24 bytes, random) to <paramref name="header"/>.</summary>
    public SecretStreamEncryptor(ReadOnlySpan<byte> key, Span<byte> header)
    {
        if (key.Length != KeyBytes)
            throw new ArgumentException($"A secretstream key is {KeyBytes} bytes; got {key.Length}.", nameof(key));
        if (header.Length != HeaderBytes)
            throw new ArgumentException($"A secretstream header is {HeaderBytes} bytes; got {header.Length}.", nameof(header));
        fixed (byte* k = key, h = header)
        {
            if (Sodium.crypto_secretstream_xchacha20poly1305_init_push(_state.Pointer, h, k) != 0)
                throw new InvalidOperationException("crypto_secretstream_xchacha20poly1305_init_push failed.");
        }
    }

    /// <summary>A new random 32-byte key.</summary>
    public static byte[] GenerateKey()
    {
        Sodium.EnsureInitialized();
        var key = new byte[KeyBytes];
        fixed (byte* k = key)
        {
            Sodium.crypto_secretstream_xchacha20poly1305_keygen(k);
        }
        return key;
    }

    /// <summary>True once the final piece is written; nothing may follow it.</summary>
    public bool IsFinished => _finished;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (exactly <see cref="ABytes"/> longer);
    /// <paramref name="final"/> marks the stream's last piece.
    /// </summary>
    public void Push(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, bool final)
    {
        if (_finished)
            throw new InvalidOperationException("The stream's final piece was already written.");
        if (ciphertext.Length != plaintext.Length + ABytes)
            throw new ArgumentException($"The ciphertext must be {plaintext.Length + ABytes} bytes; got {ciphertext.Length}.", nameof(ciphertext));
        var tag = final ? Sodium.SecretStreamTagFinal : Sodium.SecretStreamTagMessage;
        fixed (byte* c = ciphertext, m = plaintext)
        {
            if (Sodium.crypto_secretstream_xchacha20poly1305_push(_state.Pointer, c, null, m, (ulong)plaintext.Length, null, 0, tag) != 0)
                throw new InvalidOperationException("crypto_secretstream_xchacha20poly1305_push failed.");
        }
        _finished = final;
    }

    /// <summary>Wipes the state.</summary>
    public void Dispose() => _state.Dispose();
}
