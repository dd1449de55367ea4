using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wisp.Crypto.Aead;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Push;

/// <summary>
/// The encrypted notification payload (SPNS's <c>enc_payload</c>, raw bytes): a 24-byte nonce, then
/// XChaCha20-Poly1305 (IETF, no associated data) under the subscriber's <c>enc_key</c> of a bencoded list
/// <c>[metadata JSON, data?]</c> padded with zero bytes to a multiple of 256. The metadata JSON is written as Python's
/// <c>json.dumps</c> writes it (<c>{"@": "05…", "#": "…", "n": 0, "t": …, "z": …, "l": …, "B": true}</c>).
/// </summary>
public static class NotificationPayload
{
    /// <summary>Bytes before the ciphertext: the nonce.</summary>
    public const int NonceBytes = XChaCha20Poly1305.NonceBytes;

    /// <summary>Bytes of sealing overhead: nonce and tag.</summary>
    public const int OverheadBytes = NonceBytes + XChaCha20Poly1305.TagBytes;

    /// <summary>The padded plaintext (bencoded list, zero bytes to the next multiple of 256).</summary>
    public static byte[] Plaintext(NotificationContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var items = new List<BencodeValue> { BencodeString.FromUtf8(MetadataJson(content)) };
        if (content.Data is { } data) items.Add(new BencodeString(data));
        var list = new BencodeList(items);
        var size = BencodeWriter.SizeOf(list);
        var padded = (size + PushLimits.PaddingBlockBytes - 1) / PushLimits.PaddingBlockBytes * PushLimits.PaddingBlockBytes;
        var bytes = new byte[padded];
        BencodeWriter.Write(list, bytes);
        return bytes;
    }

    /// <summary>Seals <paramref name="content"/> under <paramref name="encKey"/> with a caller's random <paramref name="nonce"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> encKey, ReadOnlySpan<byte> nonce, NotificationContent content)
    {
        if (nonce.Length != NonceBytes)
            throw new ArgumentException($"The nonce is {NonceBytes} bytes; got {nonce.Length}.", nameof(nonce));
        var ciphertext = XChaCha20Poly1305.Encrypt(encKey, nonce, Plaintext(content), ReadOnlySpan<byte>.Empty);
        var payload = new byte[NonceBytes + ciphertext.Length];
        nonce.CopyTo(payload);
        ciphertext.CopyTo(payload, NonceBytes);
        return payload;
    }

    /// <summary>Opens a payload: false when it does not decrypt under <paramref name="encKey"/> or does not parse.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> encKey, ReadOnlySpan<byte> payload, [NotNullWhen(true)] out NotificationContent? content)
    {
        content = null;
        if (encKey.Length != XChaCha20Poly1305.KeyBytes || payload.Length < OverheadBytes)
            return false;
        var plaintext = new byte[payload.Length - OverheadBytes];
        if (!XChaCha20Poly1305.Decrypt(encKey, payload[..NonceBytes], payload[NonceBytes..], ReadOnlySpan<byte>.Empty, plaintext))
            return false;
        var end = plaintext.Length;
        // The list ends in 'e', so every trailing zero byte is padding.
        while (end > 0 && plaintext[end - 1] == 0) end--;
        var decoded = BencodeReader.Decode(plaintext.AsMemory(0, end));
        if (decoded.Value is not BencodeList { Items.Count: >= 1 } list || list.Items[0] is not BencodeString json)
            return false;
        var data = list.Items.Count > 1 && list.Items[1] is BencodeString body ? body.Bytes.ToArray() : null;
        return TryParseMetadata(json.Bytes.Span, data, out content);
    }

    /// <summary>The metadata JSON with Python's separators, in SPNS's key order.</summary>
    public static string MetadataJson(NotificationContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder("{\"@\": ");
        text.Append(JsonSerializer.Serialize(content.Account, PushJsonContext.Default.String));
        text.Append(", \"#\": ").Append(JsonSerializer.Serialize(content.Hash, PushJsonContext.Default.String));
        text.Append(", \"n\": ").Append(content.Namespace.ToString(CultureInfo.InvariantCulture));
        text.Append(", \"t\": ").Append(content.Timestamp.ToString(CultureInfo.InvariantCulture));
        text.Append(", \"z\": ").Append(content.Expiry.ToString(CultureInfo.InvariantCulture));
        if (content.DataLength is { } length) text.Append(", \"l\": ").Append(length.ToString(CultureInfo.InvariantCulture));
        if (content.TooBig) text.Append(", \"B\": true");
        return text.Append('}').ToString();
    }

    private static bool TryParseMetadata(ReadOnlySpan<byte> json, byte[]? data, [NotNullWhen(true)] out NotificationContent? content)
    {
        content = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("@", out var account) || account.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("#", out var hash) || hash.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("n", out var ns) || !ns.TryGetInt32(out var n)
                || !root.TryGetProperty("t", out var t) || !t.TryGetInt64(out var timestamp)
                || !root.TryGetProperty("z", out var z) || !z.TryGetInt64(out var expiry))
                return false;
            int? length = root.TryGetProperty("l", out var l) && l.TryGetInt32(out var value) ? value : null;
            var tooBig = root.TryGetProperty("B", out var b) && b.ValueKind == JsonValueKind.True;
            content = new NotificationContent(account.GetString()!, hash.GetString()!, n, timestamp, expiry, length, tooBig, data);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
