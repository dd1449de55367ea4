using ZstdSharp;

namespace Wisp.Protocol.Groups;

/// <summary>zstd as libsession uses it for group messages: level 1 to compress, a hard cap when decompressing.</summary>
internal static class GroupMessageZstd
{
    /// <summary>libsession's default level (<c>zstd_compress(data, level = 1)</c>).</summary>
    public const int Level = 1;

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var compressor = new Compressor(Level);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>The decompressed bytes; null when the data is not zstd or would exceed <paramref name="maxBytes"/>.</summary>
    public static byte[]? Decompress(ReadOnlyMemory<byte> data, int maxBytes)
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
        catch (ZstdException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
