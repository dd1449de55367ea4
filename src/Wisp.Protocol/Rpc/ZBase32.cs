namespace Wisp.Protocol.Rpc;

/// <summary>
/// z-base-32 (the human-oriented base 32 of Session's deprecated <c>.snode</c> addresses): 5 bits a character, most
/// significant first, in the alphabet <c>ybndrfg8ejkmcpqxot1uwisza345h769</c>, no padding.
/// </summary>
internal static class ZBase32
{
    private const string Alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[(bytes.Length * 8 + 4) / 5];
        int bits = 0, buffer = 0, next = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[next++] = Alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0)
            chars[next++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, next);
    }
}
