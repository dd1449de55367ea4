using Wisp.Crypto.Aead;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Bench.Crypto;

/// <summary>
/// What both onion-layer benchmarks share: a node key, a layer's ephemeral key, a 1 KiB payload, and the raw
/// baseline of one layer — crypto_scalarmult plus one libsodium AEAD call, with the X25519 result used directly as
/// the key (DESIGN §4 compares a hop with exactly this: "the raw X25519 + AEAD cost of one layer").
/// </summary>
internal sealed unsafe class OnionLayerKeys : IDisposable
{
    public const int PayloadBytes = 1024;

    public OnionLayerKeys(OnionEncryptionType type)
    {
        Type = type;
        if (type == OnionEncryptionType.AesGcm)
            BenchmarkCheck.That(Aes256Gcm.IsHardwareAccelerated, "libsodium's AES-256-GCM is available on this CPU (the raw aes-gcm baseline needs it)");
        Node = X25519KeyPair.FromSecret(BenchmarkCheck.Bytes(32, 41));
        Ephemeral = X25519KeyPair.FromSecret(BenchmarkCheck.Bytes(32, 42));
        Payload = BenchmarkCheck.Bytes(PayloadBytes, 43);
        RawCiphertext = new byte[PayloadBytes + Sodium.AeadTagBytes];
        RawPlaintext = new byte[PayloadBytes];
        Nonce = BenchmarkCheck.Bytes(type == OnionEncryptionType.XChaCha20 ? Sodium.XChaChaNonceBytes : Sodium.AesGcmNonceBytes, 44);
    }

    public OnionEncryptionType Type { get; }
    public X25519KeyPair Node { get; }
    public X25519KeyPair Ephemeral { get; }
    public byte[] Payload { get; }
    public byte[] RawCiphertext { get; }
    public byte[] RawPlaintext { get; }
    private byte[] Nonce { get; }
    private readonly byte[] _shared = new byte[32];

    /// <summary>Client side, raw: X25519(ephemeral, node) then the AEAD's encrypt of the payload.</summary>
    public int RawEncrypt()
    {
        fixed (byte* q = _shared, n = Ephemeral.SecretKey, p = Node.PublicKey.Span, c = RawCiphertext, m = Payload, npub = Nonce)
        {
            if (Sodium.crypto_scalarmult(q, n, p) != 0)
                return -1;
            return Type == OnionEncryptionType.XChaCha20
                ? Sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(c, null, m, PayloadBytes, null, 0, null, npub, q)
                : Sodium.crypto_aead_aes256gcm_encrypt(c, null, m, PayloadBytes, null, 0, null, npub, q);
        }
    }

    /// <summary>Node side, raw: X25519(node, ephemeral) then the AEAD's decrypt of what <see cref="RawEncrypt"/> made.</summary>
    public int RawDecrypt()
    {
        fixed (byte* q = _shared, n = Node.SecretKey, p = Ephemeral.PublicKey.Span, c = RawCiphertext, m = RawPlaintext, npub = Nonce)
        {
            if (Sodium.crypto_scalarmult(q, n, p) != 0)
                return -1;
            return Type == OnionEncryptionType.XChaCha20
                ? Sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(m, null, null, c, (ulong)RawCiphertext.Length, null, 0, npub, q)
                : Sodium.crypto_aead_aes256gcm_decrypt(m, null, null, c, (ulong)RawCiphertext.Length, null, 0, npub, q);
        }
    }

    /// <summary>The Wisp client's layer: derive the hop key and encrypt the payload.</summary>
    public byte[] WispEncrypt()
    {
        if (!HopKey.TryForClient(Ephemeral, Node.PublicKey, Type, out var key))
            throw new InvalidOperationException("HopKey.TryForClient refused a valid key.");
        using (key)
            return key.Encrypt(Payload);
    }

    /// <summary>The Wisp node's layer: derive the hop key and decrypt <paramref name="ciphertext"/>.</summary>
    public byte[]? WispDecrypt(byte[] ciphertext)
    {
        if (!HopKey.TryForNode(Node, Ephemeral.PublicKey, Type, out var key))
            return null;
        using (key)
            return key.TryDecrypt(ciphertext, out var plaintext) ? plaintext : null;
    }

    /// <summary>Checks both paths round-trip and that a tampered layer is refused; throws if not.</summary>
    public void CheckCorrectness()
    {
        var ciphertext = WispEncrypt();
        BenchmarkCheck.That(WispDecrypt(ciphertext)?.AsSpan().SequenceEqual(Payload) == true, $"a {Type} layer HopKey encrypts, the node's HopKey decrypts");
        ciphertext[^1] ^= 1;
        BenchmarkCheck.That(WispDecrypt(ciphertext) is null, $"a tampered {Type} layer is refused");
        BenchmarkCheck.Succeeded(RawEncrypt(), $"raw {Type} encrypt");
        BenchmarkCheck.Succeeded(RawDecrypt(), $"raw {Type} decrypt");
        BenchmarkCheck.That(RawPlaintext.AsSpan().SequenceEqual(Payload), $"raw {Type} round trip");
    }

    public void Dispose()
    {
        Node.Dispose();
        Ephemeral.Dispose();
    }
}
