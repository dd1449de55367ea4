using System.Buffers.Binary;
using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Noise;

/// <summary>
/// A Noise CipherState (spec section 5.1) with ChaChaPoly: a 32-byte key and a 64-bit counter used as the nonce
/// (4 zero bytes ‖ counter little-endian). Before it has a key it passes plaintext through, as the spec says.
/// The counter only moves on success, so a forged message does not desynchronise the two sides. Dispose wipes the key.
/// </summary>
public sealed unsafe class NoiseCipherState : IDisposable
{
    private readonly byte[] _key = GC.AllocateArray<byte>(NoiseProtocol.KeyBytes, pinned: true);
    private bool _hasKey;
    private ulong _nonce;
    private bool _disposed;

    internal NoiseCipherState() { }

    internal NoiseCipherState(ReadOnlySpan<byte> key) => InitializeKey(key);

    /// <summary>True once a key is set.</summary>
    internal bool HasKey => _hasKey;

    /// <summary>The next nonce this state will use.</summary>
    public ulong Nonce => _nonce;

    /// <summary>The 32-byte key, for layers that build their own cipher on the Noise result (secret streams).</summary>
    internal ReadOnlySpan<byte> Key
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    internal void InitializeKey(ReadOnlySpan<byte> key)
    {
        key[..NoiseProtocol.KeyBytes].CopyTo(_key);
        _hasKey = true;
        _nonce = 0;
    }

    /// <summary>Encrypts a transport message: the ciphertext is 16 bytes longer than <paramref name="plaintext"/>.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext)
    {
        if (!_hasKey)
            throw new InvalidOperationException("This cipher state has no key.");
        if (plaintext.Length > NoiseProtocol.MaxMessageBytes - NoiseProtocol.TagBytes)
            throw new ArgumentException(
                $"A Noise message is at most {NoiseProtocol.MaxMessageBytes} bytes; this plaintext needs {plaintext.Length + NoiseProtocol.TagBytes}.",
                nameof(plaintext));
        var ciphertext = new byte[plaintext.Length + NoiseProtocol.TagBytes];
        EncryptWithAd(ad, plaintext, ciphertext);
        return ciphertext;
    }

    /// <summary>Decrypts a transport message; false (and nothing written) when it does not authenticate.</summary>
    public bool TryDecrypt(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        if (!_hasKey)
            throw new InvalidOperationException("This cipher state has no key.");
        if (ciphertext.Length < NoiseProtocol.TagBytes || ciphertext.Length > NoiseProtocol.MaxMessageBytes)
        {
            plaintext = [];
            return false;
        }
        var output = new byte[ciphertext.Length - NoiseProtocol.TagBytes];
        if (!DecryptWithAd(ad, ciphertext, output))
        {
            plaintext = [];
            return false;
        }
        plaintext = output;
        return true;
    }

    /// <summary>EncryptWithAd: writes plaintext.Length (+16 with a key) bytes to <paramref name="output"/>.</summary>
    internal void EncryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_hasKey)
        {
            plaintext.CopyTo(output);
            return;
        }
        // 2^64 - 1 is reserved by the spec; a session never gets near it, but it must not wrap.
        if (_nonce == ulong.MaxValue)
            throw new CryptographicException("The Noise nonce is exhausted.");
        Span<byte> nonce = stackalloc byte[Sodium.ChaChaPolyIetfNonceBytes];
        WriteNonce(nonce);
        fixed (byte* c = output, m = plaintext, a = ad, n = nonce, k = _key)
        {
            if (Sodium.crypto_aead_chacha20poly1305_ietf_encrypt(c, null, m, (ulong)plaintext.Length, a, (ulong)ad.Length, null, n, k) != 0)
                throw new CryptographicException("crypto_aead_chacha20poly1305_ietf_encrypt failed.");
        }
        _nonce++;
    }

    /// <summary>DecryptWithAd: false on an authentication failure (output wiped, nonce unchanged).</summary>
    internal bool DecryptWithAd(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_hasKey)
        {
            ciphertext.CopyTo(output);
            return true;
        }
        if (_nonce == ulong.MaxValue || ciphertext.Length < NoiseProtocol.TagBytes)
            return false;
        Span<byte> nonce = stackalloc byte[Sodium.ChaChaPolyIetfNonceBytes];
        WriteNonce(nonce);
        fixed (byte* m = output, c = ciphertext, a = ad, n = nonce, k = _key)
        {
            if (Sodium.crypto_aead_chacha20poly1305_ietf_decrypt(m, null, null, c, (ulong)ciphertext.Length, a, (ulong)ad.Length, n, k) != 0)
            {
                output.Clear();
                return false;
            }
        }
        _nonce++;
        return true;
    }

    private void WriteNonce(Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _nonce);
    }

    /// <summary>Wipes the key.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_key);
        _hasKey = false;
        _disposed = true;
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"NoiseCipherState(nonce {_nonce})";
}
