using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.V2;

/// <summary>
/// Session's protocol v2 one-to-one message (libsession docs/protocol-v2.md; encrypt_for_recipient_v2 and
/// decrypt_incoming_v2 in libsession-util): <c>00 02 ‖ ki ‖ E ‖ ML-KEM ciphertext ‖ XChaCha20-Poly1305(inner)</c>,
/// where inner is the bt dict <c>S</c> (sender Ed25519 key), <c>c</c> (content), any extra signed keys, and
/// <c>~</c>, the sender's Ed25519 signature of <c>BLAKE2b-64(dict so far, key = recipient's 33-byte Account ID,
/// pers = "SessionV2Message")</c>, null-padded so the whole message is 1536 + 256·N bytes.
/// </summary>
public static class DirectMessageV2
{
    /// <summary>First byte of every v2 message (a v1 protobuf never starts with 00).</summary>
    public const byte Prefix0 = 0x00;

    /// <summary>Second byte: Session writes 02 for both forms.</summary>
    public const byte PfsVersion = 0x02;

    /// <summary>Second byte the spec reserves for the non-forward-secret form; accepted on opening.</summary>
    public const byte NonPfsVersion = 0x01;

    /// <summary>Header length: prefix, key indicator, ephemeral key, ML-KEM ciphertext.</summary>
    public const int HeaderBytes = V2Limits.HeaderBytes;

    /// <summary>The smallest v2 message.</summary>
    public const int MinimumBytes = V2Limits.MinimumMessageBytes;

    private const int OuterOverhead = HeaderBytes + XChaCha20Poly1305.TagBytes;
    private static readonly byte[] s_signaturePersonal = Encoding.ASCII.GetBytes("SessionV2Message");
    private static readonly byte[] s_senderKey = "S"u8.ToArray();
    private static readonly byte[] s_contentKey = "c"u8.ToArray();
    private static readonly byte[] s_signatureKey = "~"u8.ToArray();
    private static readonly byte[] s_proSignatureKey = "~P"u8.ToArray();

    /// <summary>True when <paramref name="message"/> starts like a v2 message.</summary>
    public static bool LooksLikeV2(ReadOnlySpan<byte> message) =>
        message.Length >= 2 && message[0] == Prefix0 && message[1] is PfsVersion or NonPfsVersion;

    /// <summary>The sealed length of <paramref name="contentLength"/> bytes of content (both forms are the same size).</summary>
    public static int SealedLength(int contentLength, IReadOnlyDictionary<string, BencodeValue>? extra = null) =>
        throw new NotImplementedException();

    /// <summary>Seals <paramref name="content"/> forward-secretly to <paramref name="recipient"/>'s current account keys.</summary>
    public static byte[] Seal(
        Ed25519KeyPair sender, AccountId recipient, AccountKeyBundle recipientKeys,
        ReadOnlySpan<byte> content, IReadOnlyDictionary<string, BencodeValue>? extra = null) =>
        throw new NotImplementedException();

    /// <summary>
    /// Seals <paramref name="content"/> with the recipient's long-term key only (no forward secrecy): random ki and
    /// ciphertext slot, the 00 02 prefix, so it looks like any other v2 message, as libsession-util does.
    /// </summary>
    public static byte[] SealNonPfs(
        Ed25519KeyPair sender, AccountId recipient, ReadOnlySpan<byte> content,
        IReadOnlyDictionary<string, BencodeValue>? extra = null) =>
        throw new NotImplementedException();

    /// <summary>
    /// Opens a v2 message with the recipient's long-term key and the account keys it holds (current and retained):
    /// the key indicator picks the candidates, then the non-forward-secret fallback is tried.
    /// </summary>
    public static V2OpenResult Open(Ed25519KeyPair recipient, IReadOnlyList<AccountKey> accountKeys, ReadOnlySpan<byte> message) =>
        throw new NotImplementedException();
}
