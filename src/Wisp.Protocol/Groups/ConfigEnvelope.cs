namespace Wisp.Protocol.Groups;

/// <summary>
/// How libsession's ConfigBase wraps a config message for the swarm: zstd-compressed behind a <c>z</c> byte when that is
/// smaller, prefixed with zero bytes up to <see cref="ConfigEncryption.PaddedSize"/>, then encrypted
/// (<see cref="ConfigEncryption"/>). Group configs have no protobuf wrapping (that is for a user's own configs).
/// </summary>
internal static class ConfigEnvelope
{
    public static byte[] Seal(byte[] message, ReadOnlySpan<byte> key, string domain)
    {
        var body = Compress(message);
        var padded = new byte[ConfigEncryption.PaddedSize(body.Length)];
        body.CopyTo(padded.AsSpan(padded.Length - body.Length));
        return ConfigEncryption.Encrypt(padded, key, domain);
    }

    /// <summary>The message inside <paramref name="data"/>, decrypted with the first key that works; or the reason not.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> data, IReadOnlyList<ReadOnlyMemory<byte>> keys, string domain, out string? error)
    {
        byte[]? plain = null;
        foreach (var key in keys)
        {
            if (ConfigEncryption.TryDecrypt(data, key.Span, domain, out plain))
                break;
        }
        if (plain is null)
        {
            error = "Failed to decrypt message";
            return null;
        }

        // Padding is leading zeros; libsession strips them only when something non-zero follows.
        var start = plain.AsSpan().IndexOfAnyExcept((byte)0);
        var body = start > 0 ? plain.AsSpan(start) : plain.AsSpan();
        if (body.IsEmpty)
        {
            error = "Invalid config message: contains no data";
            return null;
        }
        if (body[0] == (byte)'m')
        {
            error = "multi-part messages not yet supported!";
            return null;
        }
        if (body[0] == (byte)'z')
        {
            var inflated = GroupZstd.Decompress(body[1..], ConfigLimits.MaxDecompressedBytes);
            if (inflated is null || inflated.Length == 0)
            {
                error = "Invalid config message: decompression failed";
                return null;
            }
            error = null;
            return inflated;
        }
        error = null;
        return body.ToArray();
    }

    private static byte[] Compress(byte[] message)
    {
        var compressed = GroupZstd.Compress(message);
        if (compressed.Length + 1 >= message.Length)
            return message;
        return [(byte)'z', .. compressed];
    }
}
