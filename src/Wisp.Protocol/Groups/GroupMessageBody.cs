using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>Reads the decrypted envelope of a group message, in libsession's order of checks and with its error texts.</summary>
internal static class GroupMessageBody
{
    public static GroupMessageResult Read(byte[] plain, long generation)
    {
        var end = Array.FindLastIndex(plain, b => b != 0) + 1;
        if (end == 0 || plain[0] != (byte)'d' || plain[end - 1] != (byte)'e')
            return GroupMessageResult.Fail("decrypted data is not a bencoded dict");
        var decoded = BencodeReader.Decode(plain.AsMemory(0, end));
        if (!decoded.Ok || decoded.Value is not BencodeDictionary dict)
            return GroupMessageResult.Fail("decrypted data is not a bencoded dict");

        if (!dict.TryGetValue("", out var version))
            return GroupMessageResult.Fail("group message version tag (\"\") is missing");
        if (version is not BencodeInteger { Value: 1 })
            return GroupMessageResult.Fail($"group message version tag ({(version as BencodeInteger)?.Value}) is not compatible (we support v1)");

        if (!dict.TryGetValue("a", out var a) || a is not BencodeString authorValue)
            return GroupMessageResult.Fail("missing message author pubkey");
        if (authorValue.Bytes.Length != Ed25519PublicKey.Bytes)
            return GroupMessageResult.Fail($"message author pubkey size ({authorValue.Bytes.Length}) is invalid");
        var author = new Ed25519PublicKey(authorValue.Bytes.Span);
        if (author.ToX25519() is not { } authorX)
            return GroupMessageResult.Fail("author ed25519 pubkey is invalid (unable to convert it to a session id)");

        ReadOnlyMemory<byte> raw = default;
        if (dict.TryGetValue("d", out var d))
        {
            if (d is not BencodeString { Bytes.Length: > 0 } dString)
                return GroupMessageResult.Fail("uncompressed message data (\"d\") cannot be empty");
            raw = dString.Bytes;
        }
        if (!dict.TryGetValue("s", out var s) || s is not BencodeString signature)
            return GroupMessageResult.Fail("message signature is missing");
        if (signature.Bytes.Length != Ed25519.SignatureBytes)
            return GroupMessageResult.Fail($"message signature size ({signature.Bytes.Length}) is invalid");
        var compressed = false;
        if (dict.TryGetValue("z", out var z))
        {
            if (!raw.IsEmpty)
                return GroupMessageResult.Fail("message signature cannot contain both compressed (z) and uncompressed (d) data");
            if (z is not BencodeString { Bytes.Length: > 0 } zString)
                return GroupMessageResult.Fail("compressed message data (\"z\") cannot be empty");
            raw = zString.Bytes;
            compressed = true;
        }
        else if (raw.IsEmpty)
        {
            return GroupMessageResult.Fail("message must contain compressed (z) or uncompressed (d) data");
        }

        if (!Ed25519.Verify(author, raw.Span, signature.Bytes.Span))
            return GroupMessageResult.Fail("message signature failed validation");
        var data = compressed ? GroupZstd.Decompress(raw.Span, GroupKeyLimits.MaxPlaintextBytes) : raw.ToArray();
        if (data is null)
            return GroupMessageResult.Fail("message decompression failed");
        return new GroupMessageResult(AccountId.FromX25519(authorX), author, data, generation, null);
    }
}
