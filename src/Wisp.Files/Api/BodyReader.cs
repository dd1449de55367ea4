namespace Wisp.Files.Api;

/// <summary>Reads a request body into memory only when it is small enough.</summary>
internal static class BodyReader
{
    /// <summary>
    /// The body, or null when it is longer than <paramref name="maxBytes"/> (declared or as it arrives; no more than
    /// <paramref name="maxBytes"/> + 1 bytes are ever read).
    /// </summary>
    public static async Task<byte[]?> ReadAtMostAsync(FileRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        // One byte more than declared, so the end of the body is seen without growing the buffer.
        var buffer = new byte[request.ContentLength is { } declared ? (int)declared + 1 : Math.Min(maxBytes + 1, Limits.CopyBufferBytes)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes) return null;
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
            }
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0) break;
            length += read;
            if (length > maxBytes) return null;
        }
        return buffer[..length];
    }
}
