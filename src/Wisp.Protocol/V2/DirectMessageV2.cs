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
    public static int SealedLength(int contentLength, IReadOnlyDictionary<string, BencodeValue>? extra = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contentLength);
        var inner = 2 + EntrySize(s_senderKey.Length, Ed25519.PublicKeyBytes) + EntrySize(s_contentKey.Length, contentLength)
            + EntrySize(s_signatureKey.Length, Ed25519.SignatureBytes);
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
                inner += EntrySize(Encoding.UTF8.GetByteCount(key), 0) - 1 + BencodeWriter.SizeOf(value);
        }
        return PaddedTotal(inner);
    }

    /// <summary>Seals <paramref name="content"/> forward-secretly to <paramref name="recipient"/>'s current account keys.</summary>
    public static byte[] Seal(
        Ed25519KeyPair sender, AccountId recipient, AccountKeyBundle recipientKeys,
        ReadOnlySpan<byte> content, IReadOnlyDictionary<string, BencodeValue>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(recipientKeys);
        var inner = SignedInner(sender, recipient, content, extra);
        var message = new byte[PaddedTotal(inner.Length)];
        Span<byte> key = stackalloc byte[SessionV2Kem.KeyBytes];
        Span<byte> nonce = stackalloc byte[SessionV2Kem.NonceBytes];
        try
        {
            SessionV2Kem.Encapsulate(
                recipient.X25519PublicKey, recipientKeys.MlKemPublicKey.Span, recipientKeys.X25519,
                message.AsSpan(2, SessionV2Kem.HeaderBytes), key, nonce);
            Finish(message, inner, key, nonce);
            return message;
        }
        finally { CryptographicOperations.ZeroMemory(key); }
    }

    /// <summary>
    /// Seals <paramref name="content"/> with the recipient's long-term key only (no forward secrecy): random ki and
    /// ciphertext slot, the 00 02 prefix, so it looks like any other v2 message, as libsession-util does.
    /// </summary>
    public static byte[] SealNonPfs(
        Ed25519KeyPair sender, AccountId recipient, ReadOnlySpan<byte> content,
        IReadOnlyDictionary<string, BencodeValue>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        var inner = SignedInner(sender, recipient, content, extra);
        var message = new byte[PaddedTotal(inner.Length)];
        Span<byte> key = stackalloc byte[SessionV2Kem.KeyBytes];
        Span<byte> nonce = stackalloc byte[SessionV2Kem.NonceBytes];
        try
        {
            SessionV2Kem.EncapsulateNonPfs(recipient.X25519PublicKey, message.AsSpan(2, SessionV2Kem.HeaderBytes), key, nonce);
            Finish(message, inner, key, nonce);
            return message;
        }
        finally { CryptographicOperations.ZeroMemory(key); }
    }

    /// <summary><see cref="Seal"/> with the ephemeral secret and ML-KEM coins given, for known-answer tests.</summary>
    internal static byte[] SealDeterministic(
        Ed25519KeyPair sender, AccountId recipient, AccountKeyBundle recipientKeys, ReadOnlySpan<byte> content,
        IReadOnlyDictionary<string, BencodeValue>? extra, ReadOnlySpan<byte> ephemeralSecret, ReadOnlySpan<byte> coins)
    {
        var inner = SignedInner(sender, recipient, content, extra);
        var message = new byte[PaddedTotal(inner.Length)];
        Span<byte> key = stackalloc byte[SessionV2Kem.KeyBytes];
        Span<byte> nonce = stackalloc byte[SessionV2Kem.NonceBytes];
        SessionV2Kem.EncapsulateDeterministic(
            recipient.X25519PublicKey, recipientKeys.MlKemPublicKey.Span, recipientKeys.X25519, ephemeralSecret, coins,
            message.AsSpan(2, SessionV2Kem.HeaderBytes), key, nonce);
        Finish(message, inner, key, nonce);
        return message;
    }

    /// <summary>
    /// Opens a v2 message with the recipient's long-term key and the account keys it holds (current and retained):
    /// the key indicator picks the candidates, then the non-forward-secret fallback is tried.
    /// </summary>
    public static V2OpenResult Open(Ed25519KeyPair recipient, IReadOnlyList<AccountKey> accountKeys, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(accountKeys);
        if (!LooksLikeV2(message))
            return V2OpenResult.Failed(V2OpenFailure.NotV2);
        if (message.Length < MinimumBytes)
            return V2OpenResult.Failed(V2OpenFailure.TooShort);
        if (message.Length > V2Limits.MaximumMessageBytes)
            return V2OpenResult.Failed(V2OpenFailure.TooLong);

        var header = message.Slice(2, SessionV2Kem.HeaderBytes);
        var body = message[HeaderBytes..];
        var plain = new byte[body.Length - XChaCha20Poly1305.TagBytes];
        Span<byte> key = stackalloc byte[SessionV2Kem.KeyBytes];
        Span<byte> nonce = stackalloc byte[SessionV2Kem.NonceBytes];
        var candidates = 0;
        try
        {
            if (message[1] == PfsVersion)
            {
                Span<byte> indicator = stackalloc byte[SessionV2Kem.KeyIndicatorBytes];
                SessionV2Kem.KeyIndicator(recipient, header, indicator);
                for (var i = 0; i < accountKeys.Count; i++)
                {
                    var candidate = accountKeys[i];
                    if (!candidate.MlKem.PublicKey[..SessionV2Kem.KeyIndicatorBytes].SequenceEqual(indicator))
                        continue;
                    candidates++;
                    if (SessionV2Kem.TryDecapsulate(candidate.X25519, candidate.MlKem, header, key, nonce)
                        && XChaCha20Poly1305.Decrypt(key, nonce, body, [], plain))
                        return ReadInner(recipient, plain, i);
                }
            }
            // Session seals the non-forward-secret form under 00 02 too; only trying tells the two apart.
            if (SessionV2Kem.TryDecapsulateNonPfs(recipient, header, key, nonce)
                && XChaCha20Poly1305.Decrypt(key, nonce, body, [], plain))
                return ReadInner(recipient, plain, null);
            return V2OpenResult.Failed(candidates == 0 && message[1] == PfsVersion ? V2OpenFailure.NoKeyMatches : V2OpenFailure.DecryptionFailed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    // d 1:S 32:<sender> 1:c <content> [extra…] 1:~ 64:<sig> e, the signature over BLAKE2b-64 of everything before "1:~".
    private static byte[] SignedInner(
        Ed25519KeyPair sender, AccountId recipient, ReadOnlySpan<byte> content, IReadOnlyDictionary<string, BencodeValue>? extra)
    {
        var entries = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>
        {
            KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(s_senderKey, new BencodeString(sender.PublicKey.Span.ToArray())),
            KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(s_contentKey, new BencodeString(content.ToArray())),
        };
        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                ArgumentNullException.ThrowIfNull(value);
                var key = Encoding.UTF8.GetBytes(name);
                if (key.AsSpan().SequenceEqual(s_senderKey) || key.AsSpan().SequenceEqual(s_contentKey) || key.AsSpan().SequenceCompareTo(s_signatureKey) >= 0)
                    throw new ArgumentException($"Extra key \"{name}\" is reserved or would sort after \"~\" (and so go unsigned).", nameof(extra));
                entries.Add(KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(key, value));
            }
        }
        var encoded = BencodeWriter.Encode(new BencodeDictionary(entries));
        var bodyLength = encoded.Length - 1;
        Span<byte> digest = stackalloc byte[Blake2b.MaxOutputBytes];
        Blake2b.HashSaltPersonal(encoded.AsSpan(0, bodyLength), digest, recipient.Bytes, [], s_signaturePersonal);
        var signature = Ed25519.Sign(sender, digest);

        var inner = new byte[bodyLength + EntrySize(s_signatureKey.Length, Ed25519.SignatureBytes) + 1];
        encoded.AsSpan(0, bodyLength).CopyTo(inner);
        var at = bodyLength + BencodeWriter.WriteString(s_signatureKey, inner.AsSpan(bodyLength));
        at += BencodeWriter.WriteString(signature, inner.AsSpan(at));
        inner[at] = (byte)'e';
        return inner;
    }

    // Writes the prefix and encrypts the zero-padded inner dict into the rest of the message.
    private static void Finish(byte[] message, byte[] inner, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        message[0] = Prefix0;
        message[1] = PfsVersion;
        var plain = new byte[message.Length - OuterOverhead];
        try
        {
            inner.CopyTo(plain, 0);
            XChaCha20Poly1305.Encrypt(key, nonce, plain, [], message.AsSpan(HeaderBytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    private static V2OpenResult ReadInner(Ed25519KeyPair recipient, ReadOnlySpan<byte> plain, int? keyIndex)
    {
        // A bt dict ends in 'e', so trailing zeros are padding.
        var end = plain.Length;
        while (end > 0 && plain[end - 1] == 0)
            end--;
        var copy = plain[..end].ToArray();
        var decoded = BencodeReader.Decode(copy);
        if (!decoded.Ok || decoded.Value is not BencodeDictionary dict)
            return V2OpenResult.Failed(V2OpenFailure.Malformed);
        if (!dict.TryGetValue(s_senderKey, out var s) || s is not BencodeString senderBytes || senderBytes.Bytes.Length != Ed25519.PublicKeyBytes
            || !dict.TryGetValue(s_contentKey, out var c) || c is not BencodeString content
            || !dict.TryGetValue(s_signatureKey, out var sig) || sig is not BencodeString signature || signature.Bytes.Length != Ed25519.SignatureBytes)
            return V2OpenResult.Failed(V2OpenFailure.Malformed);

        var sender = new Ed25519PublicKey(senderBytes.Bytes.Span);
        if (sender.ToX25519() is not { } senderX25519)
            return V2OpenResult.Failed(V2OpenFailure.BadSenderKey);

        var extra = new Dictionary<string, BencodeValue>(StringComparer.Ordinal);
        var signed = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>();
        foreach (var entry in dict.Entries)
        {
            if (entry.Key.Span.SequenceCompareTo(s_signatureKey) >= 0)
                break;
            signed.Add(entry);
            if (!entry.Key.Span.SequenceEqual(s_senderKey) && !entry.Key.Span.SequenceEqual(s_contentKey))
                extra[Encoding.UTF8.GetString(entry.Key.Span)] = entry.Value;
        }
        // The reader is strict, so re-encoding the entries before "~" gives back exactly the signed bytes.
        var encoded = BencodeWriter.Encode(new BencodeDictionary(signed));
        Span<byte> digest = stackalloc byte[Blake2b.MaxOutputBytes];
        Blake2b.HashSaltPersonal(encoded.AsSpan(0, encoded.Length - 1), digest, recipient.AccountId.Bytes, [], s_signaturePersonal);
        if (!Ed25519.Verify(sender, digest, signature.Bytes.Span))
            return V2OpenResult.Failed(V2OpenFailure.BadSignature);

        byte[]? pro = dict.TryGetValue(s_proSignatureKey, out var p) && p is BencodeString proBytes && proBytes.Bytes.Length == Ed25519.SignatureBytes
            ? proBytes.Bytes.ToArray()
            : null;
        return V2OpenResult.Opened(content.Bytes.ToArray(), sender, AccountId.FromX25519(senderX25519), keyIndex, extra, pro);
    }

    private static int PaddedTotal(int innerLength)
    {
        var total = Math.Max(MinimumBytes, OuterOverhead + innerLength);
        return (total + V2Limits.PaddingBlockBytes - 1) / V2Limits.PaddingBlockBytes * V2Limits.PaddingBlockBytes;
    }

    // "<len>:<key>" + "<len>:<value>" for a byte-string value.
    private static int EntrySize(int keyLength, int valueLength) =>
        BencodeWriter.DigitCount(keyLength) + 1 + keyLength + BencodeWriter.DigitCount(valueLength) + 1 + valueLength;
}
