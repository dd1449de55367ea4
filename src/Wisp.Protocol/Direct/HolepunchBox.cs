using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wisp.Crypto;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Direct;

/// <summary>
/// Seals a <see cref="HolepunchPayload"/> for the DHT node that relays it: <c>nonce 24 | XChaCha20-Poly1305
/// ciphertext + tag 16</c> under <c>BLAKE2b-256(msg = "wisp-holepunch-v1", key = Noise handshake hash)</c>. Both
/// sides hold the handshake hash after the Noise IK exchange; the relaying node learns nothing (HyperDHT uses
/// XSalsa20-Poly1305 secretbox the same way).
/// </summary>
public static class HolepunchBox
{
    private static readonly byte[] Namespace = Encoding.ASCII.GetBytes("wisp-holepunch-v1");

    /// <summary>Overhead over the payload (40 bytes).</summary>
    public const int Overhead = XChaCha20Poly1305.NonceBytes + XChaCha20Poly1305.TagBytes;

    /// <summary>The 32-byte key for a session with this handshake hash.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> handshakeHash) =>
        Blake2b.Hash(Namespace, XChaCha20Poly1305.KeyBytes, handshakeHash);

    /// <summary>Seals a payload under a fresh random nonce.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, HolepunchPayload payload)
    {
        var plain = HolepunchPayloadCodec.Write(payload);
        var nonce = RandomBytes.Get(XChaCha20Poly1305.NonceBytes);
        var sealedBytes = XChaCha20Poly1305.Encrypt(key, nonce, plain, default);
        return [.. nonce, .. sealedBytes];
    }

    /// <summary>Opens and parses a sealed payload; false when forged, tampered, or malformed.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, [NotNullWhen(true)] out HolepunchPayload? payload)
    {
        payload = null;
        if (box.Length < Overhead || box.Length > Overhead + HolepunchPayloadCodec.MaxBytes) return false;
        var plain = new byte[box.Length - Overhead];
        var nonce = box[..XChaCha20Poly1305.NonceBytes];
        if (!XChaCha20Poly1305.Decrypt(key, nonce, box[XChaCha20Poly1305.NonceBytes..], default, plain)) return false;
        return HolepunchPayloadCodec.TryRead(plain, out payload);
    }
}
