using System.Security.Cryptography;
using System.Text;

namespace Wisp.Crypto.Noise;

/// <summary>
/// A Noise SymmetricState (spec section 5.2): the chaining key ck, the handshake hash h and the CipherState they
/// key. HASHLEN is 64, so every key taken from HKDF is its first 32 bytes. Dispose wipes ck and the cipher key.
/// </summary>
internal sealed class NoiseSymmetricState : IDisposable
{
    private readonly byte[] _ck = GC.AllocateArray<byte>(NoiseHash.HashLen, pinned: true);
    private readonly byte[] _h = new byte[NoiseHash.HashLen];
    private readonly NoiseCipherState _cipher = new();

    /// <summary>InitializeSymmetric: h = the name zero-padded (≤ 64 bytes) or HASH(name); ck = h.</summary>
    public NoiseSymmetricState(string protocolName)
    {
        var name = Encoding.ASCII.GetBytes(protocolName);
        if (name.Length <= NoiseHash.HashLen)
            name.CopyTo(_h, 0);
        else
            NoiseHash.Hash(name, default, _h);
        _h.CopyTo(_ck, 0);
    }

    public ReadOnlySpan<byte> HandshakeHash => _h;

    public bool HasKey => _cipher.HasKey;

    /// <summary>MixKey: ck, k = HKDF(ck, ikm, 2).</summary>
    public void MixKey(ReadOnlySpan<byte> ikm)
    {
        Span<byte> tempK = stackalloc byte[NoiseHash.HashLen];
        try
        {
            NoiseHash.Hkdf(_ck, ikm, _ck, tempK, default);
            _cipher.InitializeKey(tempK);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tempK);
        }
    }

    /// <summary>MixHash: h = HASH(h ‖ data).</summary>
    public void MixHash(ReadOnlySpan<byte> data) => NoiseHash.Hash(_h, data, _h);

    /// <summary>EncryptAndHash into <paramref name="output"/> (plaintext.Length, +16 once keyed); returns the bytes written.</summary>
    public int EncryptAndHash(ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        var length = plaintext.Length + (HasKey ? NoiseProtocol.TagBytes : 0);
        var ciphertext = output[..length];
        _cipher.EncryptWithAd(_h, plaintext, ciphertext);
        MixHash(ciphertext);
        return length;
    }

    /// <summary>DecryptAndHash into <paramref name="output"/> (ciphertext.Length, −16 once keyed); false when it does not authenticate.</summary>
    public bool DecryptAndHash(ReadOnlySpan<byte> ciphertext, Span<byte> output)
    {
        if (!_cipher.DecryptWithAd(_h, ciphertext, output))
            return false;
        MixHash(ciphertext);
        return true;
    }

    /// <summary>Split: two CipherStates keyed from HKDF(ck, empty, 2), the initiator's sending one first.</summary>
    public (NoiseCipherState First, NoiseCipherState Second) Split()
    {
        Span<byte> k1 = stackalloc byte[NoiseHash.HashLen];
        Span<byte> k2 = stackalloc byte[NoiseHash.HashLen];
        try
        {
            NoiseHash.Hkdf(_ck, default, k1, k2, default);
            return (new NoiseCipherState(k1), new NoiseCipherState(k2));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k1);
            CryptographicOperations.ZeroMemory(k2);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_ck);
        _cipher.Dispose();
    }
}
