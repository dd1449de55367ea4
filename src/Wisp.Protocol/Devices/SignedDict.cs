using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Devices;

/// <summary>
/// A bt dict whose last key is <c>"~"</c>: an Ed25519 signature of every byte before that key (the dict's opening
/// <c>d</c> and all earlier keys and values), the way oxenc's <c>append_signature</c> writes it.
/// </summary>
internal static class SignedDict
{
    // "1:~" + "64:" + signature + "e"
    private const int Tail = 3 + 3 + Ed25519.SignatureBytes + 1;

    /// <summary>Encodes <paramref name="entries"/> (none of them "~") and appends the signature of <paramref name="signer"/>.</summary>
    public static byte[] Sign(IEnumerable<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>> entries, Ed25519KeyPair signer)
    {
        var unsigned = BencodeWriter.Encode(new BencodeDictionary(entries));
        var body = unsigned.AsSpan(0, unsigned.Length - 1);
        if (body.Length > 1 && unsigned.AsSpan(1).IndexOf("1:~"u8) == 0)
            throw new ArgumentException("The entries may not contain \"~\".", nameof(entries));
        var output = new byte[body.Length + Tail];
        body.CopyTo(output);
        "1:~64:"u8.CopyTo(output.AsSpan(body.Length));
        Ed25519.Sign(signer, body, output.AsSpan(body.Length + 6, Ed25519.SignatureBytes));
        output[^1] = (byte)'e';
        return output;
    }

    /// <summary>
    /// True when <paramref name="dict"/> (decoded from <paramref name="encoded"/>) ends with a 64-byte <c>"~"</c> that
    /// <paramref name="signer"/> signed over the bytes before it.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> encoded, BencodeDictionary dict, Ed25519PublicKey signer)
    {
        if (dict.Entries.Count == 0 || !dict.Entries[^1].Key.Span.SequenceEqual("~"u8))
            return false;
        if (dict.Entries[^1].Value is not BencodeString { Bytes.Length: Ed25519.SignatureBytes } signature)
            return false;
        if (encoded.Length < Tail + 1 || !encoded[^Tail..].StartsWith("1:~64:"u8))
            return false;
        return Ed25519.Verify(signer, encoded[..^Tail], signature.Bytes.Span);
    }
}
