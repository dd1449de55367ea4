using System.Buffers;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// Base64 as Session's storage server accepts it (oxenc's <c>is_base64</c>): the standard or the URL-safe alphabet,
/// with or without padding, padding only where it completes a group of four, and never a length of 4n+1.
/// </summary>
public static class SessionBase64
{
    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_");

    /// <summary>True when <paramref name="text"/> is base64 by Session's rules (the empty string is).</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1)
            return false;
        if (text.Length > 0 && text.Length % 4 == 0)
        {
            if (text[^1] == '=')
                text = text[..^1];
            if (text.Length > 0 && text[^1] == '=')
                text = text[..^1];
        }
        return !text.ContainsAnyExcept(Alphabet);
    }

    /// <summary>Decodes text that <see cref="IsValid"/> accepted (either alphabet, padded or not).</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The common case — standard alphabet, padded — decodes directly; anything else is normalised first.
        if (text.Length % 4 == 0 && !text.AsSpan().ContainsAny('-', '_'))
            return Convert.FromBase64String(text);
        var trimmed = text.AsSpan().TrimEnd('=');
        var padded = new char[(trimmed.Length + 3) / 4 * 4];
        for (var i = 0; i < trimmed.Length; i++)
            padded[i] = trimmed[i] switch { '-' => '+', '_' => '/', var c => c };
        padded.AsSpan(trimmed.Length).Fill('=');
        return Convert.FromBase64CharArray(padded, 0, padded.Length);
    }

    /// <summary>True for an Ed25519 signature as Session accepts it: base64 of 86 characters, or 88 ending in "==".</summary>
    public static bool IsSignature(string text) =>
        (text.Length == 86 || (text.Length == 88 && text.EndsWith("==", StringComparison.Ordinal))) && IsValid(text);
}
