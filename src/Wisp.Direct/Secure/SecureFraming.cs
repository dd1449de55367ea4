using System.Buffers;

namespace Wisp.Direct.Secure;

/// <summary>
/// The framing under a secret stream: each message is a uint24 little-endian length and that many bytes. The length
/// is checked against the caller's bound before any buffer is taken.
/// </summary>
internal static class SecureFraming
{
    /// <summary>Writes the length prefix into the first 3 bytes of <paramref name="frame"/> for a body of <paramref name="bodyLength"/>.</summary>
    public static void WritePrefix(Span<byte> frame, int bodyLength)
    {
        if ((uint)bodyLength > Limits.MaxFrameBodyBytes)
            throw new ArgumentOutOfRangeException(nameof(bodyLength), bodyLength, "A frame body is at most 2^24 - 1 bytes.");
        frame[0] = (byte)bodyLength;
        frame[1] = (byte)(bodyLength >> 8);
        frame[2] = (byte)(bodyLength >> 16);
    }

    /// <summary>Writes one frame holding <paramref name="body"/> in a single write, then flushes.</summary>
    public static async ValueTask WriteFrameAsync(Stream transport, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var length = Limits.LengthPrefixBytes + body.Length;
        var frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            WritePrefix(frame, body.Length);
            body.Span.CopyTo(frame.AsSpan(Limits.LengthPrefixBytes));
            await transport.WriteAsync(frame.AsMemory(0, length), ct).ConfigureAwait(false);
            await transport.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>
    /// Reads one frame body of at most <paramref name="maxBody"/> bytes. Null when the transport ends cleanly before
    /// a frame starts; <see cref="SecretStreamException"/> when it ends inside one or the length is over the bound.
    /// </summary>
    public static async ValueTask<byte[]?> ReadFrameAsync(Stream transport, int maxBody, CancellationToken ct)
    {
        var prefix = new byte[Limits.LengthPrefixBytes];
        var got = await transport.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (got == 0)
            return null;
        if (got < prefix.Length)
            throw new SecretStreamException(SecretStreamError.Truncated, "The transport ended inside a frame's length.");
        var length = prefix[0] | (prefix[1] << 8) | (prefix[2] << 16);
        if (length > maxBody)
            throw new SecretStreamException(SecretStreamError.TooLarge, $"A frame of {length} bytes is over this stream's limit of {maxBody}.");
        var body = new byte[length];
        got = await transport.ReadAtLeastAsync(body, length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (got < length)
            throw new SecretStreamException(SecretStreamError.Truncated, "The transport ended inside a frame.");
        return body;
    }
}
