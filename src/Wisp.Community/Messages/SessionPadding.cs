namespace Wisp.Community.Messages;

/// <summary>
/// Session's message padding (<c>0x80</c> then zeros up to a block): pysogs stores the data without it and the padded
/// length, and puts it back when serving, since the signature covers the padded bytes.
/// </summary>
internal static class SessionPadding
{
    /// <summary>The data without trailing padding, when it has any.</summary>
    public static byte[] Remove(byte[] data)
    {
        if (data.Length == 0 || data[^1] is not (0x00 or 0x80))
            return data;
        var end = data.Length;
        while (end > 0 && data[end - 1] == 0x00)
            end--;
        return end > 0 && data[end - 1] == 0x80 ? data[..(end - 1)] : data;
    }

    /// <summary>The data padded back to <paramref name="length"/> bytes.</summary>
    public static byte[] Restore(byte[] data, long length)
    {
        if (length <= data.Length)
            return data;
        var padded = new byte[length];
        data.CopyTo(padded, 0);
        padded[data.Length] = 0x80;
        return padded;
    }
}
