using System.Buffers.Binary;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Ratchet;

namespace Wisp.Protocol.Ratchet;

/// <summary>
/// A ratchet message, the bytes of the v2 inner key "r":
/// <c>01</c> (version) ‖ flags (bit 0: an ML-KEM-768 public key follows, bit 1: an ML-KEM-768 ciphertext follows)
/// ‖ DH public key (32) ‖ PN (u32 big-endian) ‖ N (u32 big-endian) ‖ [ML-KEM public key, 1,184] ‖
/// [ML-KEM ciphertext, 1,088] ‖ XChaCha20-Poly1305 ciphertext (plaintext + 16). Everything before the ciphertext
/// is the header, authenticated as the AEAD's associated data.
/// </summary>
/// <param name="Header">The header's fields.</param>
/// <param name="HeaderBytes">The header exactly as received.</param>
/// <param name="Ciphertext">The AEAD ciphertext.</param>
public sealed record RatchetMessage(RatchetHeader Header, ReadOnlyMemory<byte> HeaderBytes, ReadOnlyMemory<byte> Ciphertext)
{
    /// <summary>The only version this code writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Header length without the KEM fields.</summary>
    public const int FixedHeaderBytes = 1 + 1 + X25519PublicKey.Bytes + 4 + 4;

    private const byte HasKemPublicKey = 1;
    private const byte HasKemCiphertext = 2;
    private const int AeadTagBytes = 16;

    /// <summary>The header's bytes, to hand to <see cref="RatchetSession.Seal"/>.</summary>
    public static byte[] WriteHeader(RatchetHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.KemPublicKey is { Length: not MlKem768.PublicKeyBytes })
            throw new ArgumentException($"An ML-KEM-768 public key is {MlKem768.PublicKeyBytes} bytes.", nameof(header));
        if (header.KemCiphertext is { Length: not MlKem768.CiphertextBytes })
            throw new ArgumentException($"An ML-KEM-768 ciphertext is {MlKem768.CiphertextBytes} bytes.", nameof(header));
        var output = new byte[FixedHeaderBytes + (header.KemPublicKey?.Length ?? 0) + (header.KemCiphertext?.Length ?? 0)];
        output[0] = Version;
        output[1] = (byte)((header.KemPublicKey is null ? 0 : HasKemPublicKey) | (header.KemCiphertext is null ? 0 : HasKemCiphertext));
        header.DhPublicKey.Span.CopyTo(output.AsSpan(2));
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(34), header.PreviousChainLength);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(38), header.MessageNumber);
        var at = FixedHeaderBytes;
        header.KemPublicKey?.CopyTo(output, at);
        at += header.KemPublicKey?.Length ?? 0;
        header.KemCiphertext?.CopyTo(output, at);
        return output;
    }

    /// <summary>The whole message: header ‖ ciphertext.</summary>
    public static byte[] Write(RatchetSealed sealedMessage)
    {
        ArgumentNullException.ThrowIfNull(sealedMessage);
        return [.. sealedMessage.Header, .. sealedMessage.Ciphertext];
    }

    /// <summary>Reads a message; every length is checked against the bytes present.</summary>
    public static RatchetMessageResult Read(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (span.Length < FixedHeaderBytes + AeadTagBytes)
            return RatchetMessageResult.Invalid("ratchet message is too short");
        if (span[0] != Version)
            return RatchetMessageResult.Invalid($"unknown ratchet message version {span[0]}");
        var flags = span[1];
        if ((flags & ~(HasKemPublicKey | HasKemCiphertext)) != 0)
            return RatchetMessageResult.Invalid("unknown ratchet header flags");
        var headerLength = FixedHeaderBytes
            + ((flags & HasKemPublicKey) != 0 ? MlKem768.PublicKeyBytes : 0)
            + ((flags & HasKemCiphertext) != 0 ? MlKem768.CiphertextBytes : 0);
        if (span.Length < headerLength + AeadTagBytes)
            return RatchetMessageResult.Invalid("ratchet message is shorter than its header says");
        var at = FixedHeaderBytes;
        byte[]? kemPublicKey = null, kemCiphertext = null;
        if ((flags & HasKemPublicKey) != 0)
        {
            kemPublicKey = span.Slice(at, MlKem768.PublicKeyBytes).ToArray();
            at += MlKem768.PublicKeyBytes;
        }
        if ((flags & HasKemCiphertext) != 0)
            kemCiphertext = span.Slice(at, MlKem768.CiphertextBytes).ToArray();
        var header = new RatchetHeader(
            new X25519PublicKey(span.Slice(2, X25519PublicKey.Bytes)),
            BinaryPrimitives.ReadUInt32BigEndian(span[34..]),
            BinaryPrimitives.ReadUInt32BigEndian(span[38..]),
            kemPublicKey,
            kemCiphertext);
        return RatchetMessageResult.Of(new RatchetMessage(header, bytes[..headerLength], bytes[headerLength..]));
    }
}

/// <summary>A read ratchet message, or why the bytes are not one.</summary>
public sealed record RatchetMessageResult(RatchetMessage? Message, string? Error)
{
    internal static RatchetMessageResult Of(RatchetMessage message) => new(message, null);

    internal static RatchetMessageResult Invalid(string error) => new(null, error);
}
