using Wisp.Crypto.Aead;
using Wisp.Crypto.DeviceGroups;
using Wisp.Crypto.Kdf;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Devices;

/// <summary>
/// A device's request to join a group ("L", namespace 21, 10-minute TTL). Inside: the signed dict <c>I</c> (device id),
/// <c>i</c> (the record it asks to have admitted), <c>~</c> (the account's Ed25519 signature). Outside:
/// <c>""</c> = "L", <c>E</c> (ephemeral X25519 key), <c>L</c> (XChaCha20-Poly1305 of the inside under key and nonce
/// BLAKE2b-56(eX ‖ E ‖ X, pers "SessionDvGrpLink"), X the group's <c>link_x25519</c>), and <c>i</c>, the key indicator
/// X[0:2] ⊕ BLAKE2b-2(E ‖ S, key eS, pers "SessionDvGrpKISS") with S the account's X25519 key.
/// </summary>
public static class LinkRequest
{
    /// <summary>The message type of a link request.</summary>
    public const string TypeTag = "L";

    private static readonly byte[] LinkPersonal = "SessionDvGrpLink"u8.ToArray();
    private static readonly byte[] KissPersonal = "SessionDvGrpKISS"u8.ToArray();

    /// <summary>The signed inside of a request for <paramref name="record"/> (its id is the <c>I</c>).</summary>
    public static byte[] EncodePlaintext(DeviceRecord record, Ed25519KeyPair account)
    {
        ArgumentNullException.ThrowIfNull(record);
        return SignedDict.Sign(
        [
            DeviceGroupMessage.Entry("I", new BencodeString(record.Id)),
            DeviceGroupMessage.Entry("i", DeviceRecordCodec.ToDictionary(record)),
        ], account);
    }

    /// <summary>Reads the inside of a request and checks the account signed it; the record asked for, or null with why.</summary>
    public static DeviceRecord? TryReadPlaintext(ReadOnlyMemory<byte> plaintext, Ed25519PublicKey account, out string? error)
    {
        ArgumentNullException.ThrowIfNull(account);
        var decoded = BencodeReader.Decode(plaintext);
        if (decoded.Value is not BencodeDictionary dict)
            return Fail($"not a bt dict ({decoded.Error})", out error);
        if (!dict.TryGetValue("I", out var i) || i is not BencodeString { Bytes.Length: DeviceGroupLimits.DeviceIdBytes } id)
            return Fail("no 32-byte \"I\"", out error);
        if (!dict.TryGetValue("i", out var info) || info is not BencodeDictionary record)
            return Fail("no \"i\" record", out error);
        if (!SignedDict.Verify(plaintext.Span, dict, account))
            return Fail("the signature does not verify against the account key", out error);
        return DeviceRecordCodec.TryRead(id.Bytes.ToArray(), record, out error) is { } read ? read : Fail(error!, out error);
    }

    /// <summary>The 21 SAS emoji of a signed request (Argon2id: a fraction of a second and 16 MiB).</summary>
    public static string[] Sas(ReadOnlySpan<byte> plaintext) => SasEmoji.FromSeed(LinkSasSeed.Derive(plaintext));

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> to a group's <paramref name="linkX25519"/> with the ephemeral secret
    /// <paramref name="ephemeralSecret"/> (random in use; fixed only for vectors).
    /// </summary>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> linkX25519, X25519PublicKey account, ReadOnlySpan<byte> ephemeralSecret)
    {
        ArgumentNullException.ThrowIfNull(account);
        Span<byte> shared = stackalloc byte[32];
        Span<byte> kn = stackalloc byte[56];
        Span<byte> indicator = stackalloc byte[2];
        var ephemeral = new byte[32];
        DeviceGroupPrimitives.X25519Public(ephemeralSecret, ephemeral);
        if (!DeviceGroupPrimitives.TryX25519(ephemeralSecret, account.Span, shared))
            throw new ArgumentException("The account key is a low-order point.", nameof(account));
        Kiss(shared, ephemeral, account.Span, indicator);
        indicator[0] ^= linkX25519[0];
        indicator[1] ^= linkX25519[1];
        if (!DeviceGroupPrimitives.TryX25519(ephemeralSecret, linkX25519, shared))
            throw new ArgumentException("The group's link key is a low-order point.", nameof(linkX25519));
        KeyAndNonce(shared, ephemeral, linkX25519, kn);
        var encrypted = new byte[plaintext.Length + XChaCha20Poly1305.TagBytes];
        XChaCha20Poly1305.Encrypt(kn[..32], kn[32..], plaintext, default, encrypted);
        shared.Clear();
        kn.Clear();
        return BencodeWriter.Encode(new BencodeDictionary(
        [
            DeviceGroupMessage.Entry("", BencodeString.FromUtf8(TypeTag)),
            DeviceGroupMessage.Entry("E", new BencodeString(ephemeral)),
            DeviceGroupMessage.Entry("L", new BencodeString(encrypted)),
            DeviceGroupMessage.Entry("i", new BencodeString(indicator.ToArray())),
        ]));
    }

    /// <summary>
    /// Decrypts a request with whichever of <paramref name="accountKeys"/> (the group's current and recent account
    /// X25519 keys) the indicator names; null when none opens it (the ordinary case for another group's request).
    /// </summary>
    public static byte[]? TryOpen(ReadOnlyMemory<byte> message, Ed25519KeyPair account, IEnumerable<X25519KeyPair> accountKeys)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(accountKeys);
        if (message.Length > 64 * 1024 || BencodeReader.Decode(message).Value is not BencodeDictionary dict)
            return null;
        if (!dict.TryGetValue(""u8, out var tag) || tag is not BencodeString t || !t.Bytes.Span.SequenceEqual("L"u8)
            || !dict.TryGetValue("E", out var ev) || ev is not BencodeString { Bytes.Length: 32 } ephemeral
            || !dict.TryGetValue("L", out var lv) || lv is not BencodeString encrypted || encrypted.Bytes.Length <= XChaCha20Poly1305.TagBytes
            || !dict.TryGetValue("i", out var iv) || iv is not BencodeString { Bytes.Length: 2 } indicator)
            return null;
        Span<byte> shared = stackalloc byte[32];
        Span<byte> prefix = stackalloc byte[2];
        Span<byte> kn = stackalloc byte[56];
        if (!DeviceGroupPrimitives.TryX25519(account, ephemeral.Bytes.Span, shared))
            return null;
        Kiss(shared, ephemeral.Bytes.Span, account.X25519PublicKey.Span, prefix);
        prefix[0] ^= indicator.Bytes.Span[0];
        prefix[1] ^= indicator.Bytes.Span[1];
        try
        {
            foreach (var key in accountKeys)
            {
                if (!key.PublicKey.Span.StartsWith(prefix) || !DeviceGroupPrimitives.TryX25519(key, ephemeral.Bytes.Span, shared))
                    continue;
                KeyAndNonce(shared, ephemeral.Bytes.Span, key.PublicKey.Span, kn);
                var plaintext = new byte[encrypted.Bytes.Length - XChaCha20Poly1305.TagBytes];
                if (XChaCha20Poly1305.Decrypt(kn[..32], kn[32..], encrypted.Bytes.Span, default, plaintext))
                    return plaintext;
            }
            return null;
        }
        finally
        {
            shared.Clear();
            kn.Clear();
        }
    }

    private static void Kiss(ReadOnlySpan<byte> sharedS, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> account, Span<byte> output)
    {
        Span<byte> input = stackalloc byte[64];
        ephemeral.CopyTo(input);
        account.CopyTo(input[32..]);
        DeviceGroupPrimitives.Blake2b(output, sharedS, KissPersonal, input);
    }

    private static void KeyAndNonce(ReadOnlySpan<byte> sharedX, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> link, Span<byte> output)
    {
        Span<byte> input = stackalloc byte[96];
        sharedX.CopyTo(input);
        ephemeral.CopyTo(input[32..]);
        link.CopyTo(input[64..]);
        DeviceGroupPrimitives.Blake2b(output, default, LinkPersonal, input);
        input.Clear();
    }

    private static DeviceRecord? Fail(string why, out string? error)
    {
        error = "Invalid link request: " + why + ".";
        return null;
    }
}
