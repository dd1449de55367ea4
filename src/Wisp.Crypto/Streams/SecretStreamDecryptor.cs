using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Streams;

/// <summary>What reading one secretstream piece gave.</summary>
public enum SecretStreamPiece
{
    /// <summary>The piece did not authenticate (changed, dropped, repeated or moved, or a wrong key); nothing was written.</summary>
    Forged,
    /// <summary>A piece that is not the last.</summary>
    Message,
    /// <summary>The stream's final piece; nothing may follow it.</summary>
    Final,
}

/// <summary>
/// The receiving side of <see cref="SecretStreamEncryptor"/>: reads the header, then each piece in order. A piece
/// that does not authenticate is refused, its output zeroed, and the stream cannot go on. Dispose wipes the state.
/// </summary>
public sealed unsafe class SecretStreamDecryptor : IDisposable
{
    private readonly SecretStreamState _state = new();
    private bool _done;

    /// <summary>Starts reading a stream under <paramref name="key"/> (32 bytes) from its <paramref name="header"/> (24 bytes).</summary>
    public SecretStreamDecryptor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> header)
    {
        if (key.Length != SecretStreamEncryptor.KeyBytes)
            throw new ArgumentException($"A secretstream key is {SecretStreamEncryptor.KeyBytes} bytes; got {key.Length}.", nameof(key));
        if (header.Length != SecretStreamEncryptor.HeaderBytes)
            throw new ArgumentException($"A secretstream header is {SecretStreamEncryptor.HeaderBytes} bytes; got {header.Length}.", nameof(header));
        fixed (byte* k = key, h = header)
        {
            // init_pull fails only on a header it cannot use; such a stream is forged from its first byte.
            _done = Sodium.crypto_secretstream_xchacha20poly1305_init_pull(_state.Pointer, h, k) != 0;
        }
    }

    /// <summary>
    /// Decrypts one piece into <paramref name="plaintext"/> (exactly <see cref="SecretStreamEncryptor.ABytes"/>
    /// shorter). After a forged or final piece every further call answers <see cref="SecretStreamPiece.Forged"/>.
    /// </summary>
    public SecretStreamPiece Pull(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (ciphertext.Length < SecretStreamEncryptor.ABytes)
            return Refuse(plaintext);
        if (plaintext.Length != ciphertext.Length - SecretStreamEncryptor.ABytes)
            throw new ArgumentException(
                $"The plaintext must be {ciphertext.Length - SecretStreamEncryptor.ABytes} bytes; got {plaintext.Length}.", nameof(plaintext));
        if (_done)
            return Refuse(plaintext);
        byte tag;
        fixed (byte* m = plaintext, c = ciphertext)
        {
            if (Sodium.crypto_secretstream_xchacha20poly1305_pull(_state.Pointer, m, null, &tag, c, (ulong)ciphertext.Length, null, 0) != 0)
                return Refuse(plaintext);
        }
        if (tag == Sodium.SecretStreamTagFinal)
        {
            _done = true;
            return SecretStreamPiece.Final;
        }
        // Wisp writes only message and final tags; a push or rekey tag is not a stream Wisp made.
        return tag == Sodium.SecretStreamTagMessage ? SecretStreamPiece.Message : Refuse(plaintext);
    }

    private SecretStreamPiece Refuse(Span<byte> plaintext)
    {
        plaintext.Clear();
        _done = true;
        return SecretStreamPiece.Forged;
    }

    /// <summary>Wipes the state.</summary>
    public void Dispose() => _state.Dispose();
}
