using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Devices;

/// <summary>
/// A device group message ("G") in namespace 21, outer layer, readable by anyone (bt keys in brackets): the type
/// <c>""</c> = "G", the encrypted group identifier <c>@</c> (8 bytes), the ephemeral X25519 key <c>A</c>, the
/// ML-KEM-768 ciphertexts <c>C</c> (4⌈N/4⌉ × 1088 bytes, shuffled, padding slots random), the wrapped payload keys
/// <c>K</c> (same count × 34: a 2-byte key index then 32 bytes), the group's current account X25519 key <c>X</c> that
/// link requests are encrypted to, the encrypted padded payload <c>d</c>, the removal announcements <c>k</c>
/// (16-byte entries in groups of 4, omitted when none), and <c>~</c>, the account's Ed25519 signature.
/// </summary>
public sealed record DeviceGroupMessage(
    byte[]? EncryptedGroupId,
    byte[] Ephemeral,
    byte[] Ciphertexts,
    byte[] Keys,
    byte[] LinkX25519,
    byte[] Payload,
    byte[] Kicked,
    byte[] Signature)
{
    /// <summary>One ML-KEM-768 ciphertext.</summary>
    public const int CiphertextBytes = 1088;

    /// <summary>One wrapped key: a 2-byte index and the 32-byte XChaCha20 of the payload key.</summary>
    public const int KeySlotBytes = 34;

    /// <summary>One <c>kicked</c> entry.</summary>
    public const int KickedBytes = 16;

    /// <summary>The message type byte of a group message.</summary>
    public const string TypeTag = "G";

    /// <summary>Recipient slots (real and padding).</summary>
    public int SlotCount => Ciphertexts.Length / CiphertextBytes;

    /// <summary>
    /// Reads a group message and checks its signature against <paramref name="account"/>'s Ed25519 key before anything
    /// else is trusted; null with why when it is malformed, oversized or not signed by the account.
    /// </summary>
    public static DeviceGroupMessage? TryDecode(ReadOnlyMemory<byte> bytes, Ed25519PublicKey account, out string? error)
    {
        ArgumentNullException.ThrowIfNull(account);
        var maxBytes = DeviceGroupLimits.MaxSlots * (CiphertextBytes + KeySlotBytes)
            + DeviceGroupLimits.MaxKickedEntries * KickedBytes + DeviceGroupLimits.MaxPayloadBytes + 1024;
        if (bytes.Length > maxBytes)
            return Fail($"{bytes.Length} bytes is more than a group message may be ({maxBytes})", out error);
        var decoded = BencodeReader.Decode(bytes);
        if (decoded.Value is not BencodeDictionary dict)
            return Fail($"not a bt dict ({decoded.Error})", out error);
        if (!dict.TryGetValue(""u8, out var tag) || tag is not BencodeString t || !t.Bytes.Span.SequenceEqual("G"u8))
            return Fail("not a \"G\" message", out error);
        var groupId = Bytes(dict, "@");
        var a = Bytes(dict, "A");
        var c = Bytes(dict, "C");
        var k = Bytes(dict, "K");
        var x = Bytes(dict, "X");
        var d = Bytes(dict, "d");
        var kicked = Bytes(dict, "k") ?? [];
        var signature = Bytes(dict, "~");
        if (a is not { Length: 32 } || x is not { Length: 32 } || c is null || k is null || d is null || signature is null)
            return Fail("a field is missing or the wrong size (A, C, K, X, d, ~)", out error);
        if (groupId is not null && groupId.Length != DeviceGroupId.Bytes)
            return Fail("\"@\" is not 8 bytes", out error);
        if (c.Length == 0 || c.Length % CiphertextBytes != 0 || k.Length % KeySlotBytes != 0 || c.Length / CiphertextBytes != k.Length / KeySlotBytes)
            return Fail($"\"C\" ({c.Length} bytes) and \"K\" ({k.Length} bytes) are not the same number of slots", out error);
        if (c.Length / CiphertextBytes > DeviceGroupLimits.MaxSlots)
            return Fail($"{c.Length / CiphertextBytes} slots; at most {DeviceGroupLimits.MaxSlots}", out error);
        if (kicked.Length % KickedBytes != 0 || kicked.Length / KickedBytes > DeviceGroupLimits.MaxKickedEntries)
            return Fail("\"k\" is not a whole number of entries, or too many", out error);
        if (d.Length <= Crypto.Aead.XChaCha20Poly1305.TagBytes || d.Length > DeviceGroupLimits.MaxPayloadBytes + Crypto.Aead.XChaCha20Poly1305.TagBytes)
            return Fail($"\"d\" of {d.Length} bytes is out of range", out error);
        if (!SignedDict.Verify(bytes.Span, dict, account))
            return Fail("the signature does not verify against the account key", out error);
        error = null;
        return new DeviceGroupMessage(groupId, a, c, k, x, d, kicked, signature);
    }

    /// <summary>The encoded message, signed by <paramref name="account"/>.</summary>
    public static byte[] EncodeSigned(
        ReadOnlySpan<byte> encryptedGroupId, ReadOnlySpan<byte> ephemeral, byte[] ciphertexts, byte[] keys,
        ReadOnlySpan<byte> linkX25519, byte[] payload, byte[] kicked, Ed25519KeyPair account)
    {
        var entries = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>
        {
            Entry("", BencodeString.FromUtf8(TypeTag)),
            Entry("@", new BencodeString(encryptedGroupId.ToArray())),
            Entry("A", new BencodeString(ephemeral.ToArray())),
            Entry("C", new BencodeString(ciphertexts)),
            Entry("K", new BencodeString(keys)),
            Entry("X", new BencodeString(linkX25519.ToArray())),
            Entry("d", new BencodeString(payload)),
        };
        if (kicked.Length > 0)
            entries.Add(Entry("k", new BencodeString(kicked)));
        return SignedDict.Sign(entries, account);
    }

    /// <summary>"G", "L", or null: the type of a namespace-21 message, from its <c>""</c> key, without trusting anything else.</summary>
    public static string? KindOf(ReadOnlyMemory<byte> bytes)
    {
        // The "" key sorts first, so a message starts "d0:1:G" or "d0:1:L".
        var span = bytes.Span;
        if (span.Length < 7 || !span.StartsWith("d0:1:"u8))
            return null;
        return span[5] switch
        {
            (byte)'G' => "G",
            (byte)'L' => "L",
            _ => null,
        };
    }

    internal static KeyValuePair<ReadOnlyMemory<byte>, BencodeValue> Entry(string key, BencodeValue value) =>
        KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(System.Text.Encoding.ASCII.GetBytes(key), value);

    private static byte[]? Bytes(BencodeDictionary dict, string key) =>
        dict.TryGetValue(key, out var v) && v is BencodeString s ? s.Bytes.ToArray() : null;

    private static DeviceGroupMessage? Fail(string why, out string? error)
    {
        error = "Invalid device group message: " + why + ".";
        return null;
    }
}
