namespace Wisp.Crypto.Sealing;

/// <summary>
/// Session's message padding, applied to a serialized <c>Content</c> before it is sealed: the content, one 0x80
/// byte, then zeros up to the next multiple of 160 bytes.
/// </summary>
/// <remarks>
/// <para>The length follows libsession exactly: after the 0x80 it adds <c>160 - ((n + 1) % 160)</c> zeros, so when
/// n + 1 is already a multiple of 160 a whole extra block is added (159 bytes pad to 320, not 160).</para>
/// <para>Unpadding is strict, and this is a deliberate difference from libsession: libsession strips trailing zeros
/// and then one 0x80 if present, and tolerates input with no 0x80 at all, silently cutting off any trailing zeros
/// of such unpadded content. <see cref="TryUnpad"/> instead returns false when no 0x80 precedes the zeros, so a
/// caller that must accept unpadded input from old clients can fall back to the bytes as received, whole.</para>
/// </remarks>
public static class MessagePadding
{
    /// <summary>The block size padded content is a multiple of.</summary>
    public const int BlockBytes = 160;

    /// <summary>The byte that ends the content and starts the padding.</summary>
    public const byte Terminator = 0x80;

    /// <summary>The padded length of <paramref name="contentLength"/> bytes of content.</summary>
    public static int PaddedLength(int contentLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contentLength);
        var withTerminator = checked(contentLength + 1);
        return checked(withTerminator + (BlockBytes - withTerminator % BlockBytes));
    }

    /// <summary>Writes the padded form of <paramref name="content"/> into <paramref name="padded"/> (exactly <see cref="PaddedLength"/> bytes).</summary>
    public static void Pad(ReadOnlySpan<byte> content, Span<byte> padded)
    {
        var length = PaddedLength(content.Length);
        if (padded.Length != length)
            throw new ArgumentException($"Padded {content.Length}-byte content is {length} bytes; got a {padded.Length}-byte buffer.", nameof(padded));
        content.CopyTo(padded);
        padded[content.Length] = Terminator;
        padded[(content.Length + 1)..].Clear();
    }

    /// <summary>Returns the padded form of <paramref name="content"/>.</summary>
    public static byte[] Pad(ReadOnlySpan<byte> content)
    {
        var padded = new byte[PaddedLength(content.Length)];
        Pad(content, padded);
        return padded;
    }

    /// <summary>
    /// Strips trailing zeros and then exactly one 0x80. Returns false, with an empty <paramref name="content"/>, when
    /// the bytes before the zeros are not 0x80 (unpadded or corrupt input).
    /// </summary>
    public static bool TryUnpad(ReadOnlySpan<byte> padded, out ReadOnlySpan<byte> content)
    {
        var end = padded.LastIndexOfAnyExcept((byte)0);
        if (end < 0 || padded[end] != Terminator)
        {
            content = default;
            return false;
        }
        content = padded[..end];
        return true;
    }
}
