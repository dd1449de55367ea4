using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wisp.Crypto;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Direct;

/// <summary>
/// The PEER_HOLEPUNCH value: <c>id u32 little-endian | nonce 24 | XChaCha20-Poly1305(HolepunchPayload) with the id
/// as associated data</c>, under <c>BLAKE2b-256(msg = "wisp-holepunch-v1", key = Noise handshake hash)</c>. The id
/// names the server's handshake slot (from the Noise payload) and travels in clear so the server finds the key;
/// the relaying DHT node learns nothing else. HyperDHT uses XSalsa20-Poly1305 secretbox the same way.
/// </summary>
public static class HolepunchBox
{
    private static readonly byte[] Namespace = Encoding.ASCII.GetBytes("wisp-holepunch-v1");

    /// <summary>Bytes around the payload (44): id, nonce, tag.</summary>
    public const int Overhead = 4 + XChaCha20Poly1305.NonceBytes + XChaCha20Poly1305.TagBytes;

    /// <summary>The 32-byte key for a session with this handshake hash.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> handshakeHash) =>
        Blake2b.Hash(Namespace, XChaCha20Poly1305.KeyBytes, handshakeHash);

    /// <summary>Seals a payload for slot <paramref name="id"/> under a fresh random nonce.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, uint id, HolepunchPayload payload)
    {
        var plain = HolepunchPayloadCodec.Write(payload);
        var box = new byte[Overhead + plain.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(box, id);
        RandomBytes.Fill(box.AsSpan(4, XChaCha20Poly1305.NonceBytes));
        XChaCha20Poly1305.Encrypt(key, box.AsSpan(4, XChaCha20Poly1305.NonceBytes), plain, box.AsSpan(0, 4),
            box.AsSpan(4 + XChaCha20Poly1305.NonceBytes));
        return box;
    }

    /// <summary>The slot id of a box, read before its key is known; false when too short or too long to be one.</summary>
    public static bool TryReadId(ReadOnlySpan<byte> box, out uint id)
    {
        id = 0;
        if (box.Length < Overhead || box.Length > Overhead + HolepunchPayloadCodec.MaxBytes) return false;
        id = BinaryPrimitives.ReadUInt32LittleEndian(box);
        return true;
    }

    /// <summary>Opens and parses a box; false when forged, tampered, for another slot, or malformed.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, [NotNullWhen(true)] out HolepunchPayload? payload)
    {
        payload = null;
        if (!TryReadId(box, out _)) return false;
        var plain = new byte[box.Length - Overhead];
        var nonce = box.Slice(4, XChaCha20Poly1305.NonceBytes);
        if (!XChaCha20Poly1305.Decrypt(key, nonce, box[(4 + XChaCha20Poly1305.NonceBytes)..], box[..4], plain)) return false;
        return HolepunchPayloadCodec.TryRead(plain, out payload);
    }
}
