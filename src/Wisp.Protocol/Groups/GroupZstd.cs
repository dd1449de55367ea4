using ZstdSharp;

namespace Wisp.Protocol.Groups;

/// <summary>
/// zstd as libsession uses it for group configs and group messages: level 1 to compress, and a hard cap when
/// decompressing so that a small message cannot inflate without limit.
/// </summary>
internal static class GroupZstd
{
    /// <summary>libsession's default level (<c>zstd_compress(data, level = 1)</c>).</summary>
    public const int Level = 1;

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var compressor = new Compressor(Level);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>
    /// The decompressed bytes; null when the data is not zstd, decompresses to nothing, or would exceed
    /// <paramref name="maxBytes"/>. Streams, so frames without a declared size, and several frames, decompress as
    /// libzstd's streaming API does.
    /// </summary>
    public static byte[]? Decompress(ReadOnlySpan<byte> data, int maxBytes)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var zstd = new DecompressionStream(input);
            using var output = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = zstd.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                    return null;
                output.Write(buffer, 0, read);
            }
            return output.Length == 0 ? null : output.ToArray();
        }
        catch (Exception e) when (e is ZstdException or IOException or InvalidDataException)
        {
            return null;
        }
    }
}
