using System.Buffers.Binary;
using Wisp.Crypto;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;

namespace Wisp.Client.Attachments;

/// <summary>
/// Which chunks form an attachment, in order: itself stored as one more chunk, encrypted, so that the server sees
/// chunks it cannot tell apart and never learns which of them make up a file. The message's pointer names only this
/// chunk. Plaintext: <c>version (1) ‖ ciphertext bytes (u64 LE) ‖ count (u16 LE) ‖ count × 32-byte BLAKE2b-256</c>;
/// stored: <c>nonce (24) ‖ XChaCha20-Poly1305</c> under a key derived from the file's key (BLAKE2b keyed by it, with
/// the personalization <c>wisp-manifest</c>), so one key never serves two constructions.
/// </summary>
internal sealed record ChunkManifest(long CiphertextBytes, IReadOnlyList<string> ChunkHashes)
{
    private const byte Version = 1;
    private const int HashBytes = 32;
    private const int FixedBytes = 1 + 8 + 2;
    private static readonly byte[] Personal = "wisp-manifest"u8.ToArray();

    /// <summary>The manifest encrypted under <paramref name="fileKey"/>, as it is stored.</summary>
    public byte[] Seal(ReadOnlySpan<byte> fileKey)
    {
        var plain = new byte[FixedBytes + (ChunkHashes.Count * HashBytes)];
        plain[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(plain.AsSpan(1), CiphertextBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(plain.AsSpan(9), checked((ushort)ChunkHashes.Count));
        for (var i = 0; i < ChunkHashes.Count; i++)
            Convert.FromHexString(ChunkHashes[i]).CopyTo(plain.AsSpan(FixedBytes + (i * HashBytes)));
        var key = DeriveKey(fileKey);
        var sealedBytes = new byte[XChaCha20Poly1305.NonceBytes + plain.Length + XChaCha20Poly1305.TagBytes];
        RandomBytes.Fill(sealedBytes.AsSpan(0, XChaCha20Poly1305.NonceBytes));
        XChaCha20Poly1305.Encrypt(key, sealedBytes.AsSpan(0, XChaCha20Poly1305.NonceBytes), plain, [], sealedBytes.AsSpan(XChaCha20Poly1305.NonceBytes));
        Array.Clear(key);
        return sealedBytes;
    }

    /// <summary>Opens a stored manifest; null when it does not decrypt under <paramref name="fileKey"/> or is malformed.</summary>
    public static ChunkManifest? Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> fileKey)
    {
        if (sealedBytes.Length < XChaCha20Poly1305.NonceBytes + FixedBytes + XChaCha20Poly1305.TagBytes)
            return null;
        var plain = new byte[sealedBytes.Length - XChaCha20Poly1305.NonceBytes - XChaCha20Poly1305.TagBytes];
        var key = DeriveKey(fileKey);
        var opened = XChaCha20Poly1305.Decrypt(key, sealedBytes[..XChaCha20Poly1305.NonceBytes], sealedBytes[XChaCha20Poly1305.NonceBytes..], [], plain);
        Array.Clear(key);
        if (!opened || plain[0] != Version)
            return null;
        var length = BinaryPrimitives.ReadInt64LittleEndian(plain.AsSpan(1));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(plain.AsSpan(9));
        // Every count is checked against the bytes there and the chunks such a length needs, before anything is kept.
        if (plain.Length != FixedBytes + (count * HashBytes) || length <= 0 || length > AttachmentLimits.CiphertextBytes(AttachmentLimits.MaxFileBytes)
            || count != AttachmentLimits.Chunks(length))
            return null;
        var hashes = new string[count];
        for (var i = 0; i < count; i++)
            hashes[i] = Convert.ToHexStringLower(plain.AsSpan(FixedBytes + (i * HashBytes), HashBytes));
        return new ChunkManifest(length, hashes);
    }

    private static byte[] DeriveKey(ReadOnlySpan<byte> fileKey)
    {
        var key = new byte[XChaCha20Poly1305.KeyBytes];
        Blake2b.HashSaltPersonal([], key, fileKey, [], Personal);
        return key;
    }
}
