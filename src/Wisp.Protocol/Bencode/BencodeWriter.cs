namespace Wisp.Protocol.Bencode;

/// <summary>Encodes <see cref="BencodeValue"/>s; the size is computed first and the output allocated once.</summary>
public static class BencodeWriter
{
    /// <summary>The encoded size of <paramref name="value"/> in bytes.</summary>
    public static int SizeOf(BencodeValue value) => value switch
    {
        BencodeString s => DigitCount(s.Bytes.Length) + 1 + s.Bytes.Length,
        BencodeInteger i => 2 + DigitCount(i.Value),
        BencodeList l => 2 + l.Items.Sum(SizeOf),
        BencodeDictionary d => 2 + d.Entries.Sum(e => DigitCount(e.Key.Length) + 1 + e.Key.Length + SizeOf(e.Value)),
        _ => throw new ArgumentException($"Unknown bencode value type {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Encodes <paramref name="value"/>.</summary>
    public static byte[] Encode(BencodeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var output = new byte[SizeOf(value)];
        var written = Write(value, output);
        return written == output.Length ? output : throw new InvalidOperationException("Bencode size and output disagree.");
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="SizeOf"/>.</exception>
    public static int Write(BencodeValue value, Span<byte> destination)
    {
        if (destination.Length < SizeOf(value))
            throw new ArgumentException($"Bencode needs {SizeOf(value)} bytes; the destination has {destination.Length}.", nameof(destination));
        return WriteUnchecked(value, destination);
    }

    private static int WriteUnchecked(BencodeValue value, Span<byte> destination)
    {
        switch (value)
        {
            case BencodeString s:
                return WriteString(s.Bytes.Span, destination);
            case BencodeInteger i:
                destination[0] = (byte)'i';
                i.Value.TryFormat(destination[1..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
                destination[1 + digits] = (byte)'e';
                return digits + 2;
            case BencodeList l:
            {
                destination[0] = (byte)'l';
                var at = 1;
                foreach (var item in l.Items)
                    at += WriteUnchecked(item, destination[at..]);
                destination[at] = (byte)'e';
                return at + 1;
            }
            case BencodeDictionary d:
            {
                destination[0] = (byte)'d';
                var at = 1;
                foreach (var entry in d.Entries)
                {
                    at += WriteString(entry.Key.Span, destination[at..]);
                    at += WriteUnchecked(entry.Value, destination[at..]);
                }
                destination[at] = (byte)'e';
                return at + 1;
            }
            default:
                throw new ArgumentException($"Unknown bencode value type {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Writes <c>&lt;length&gt;:&lt;bytes&gt;</c> and returns the bytes written.</summary>
    internal static int WriteString(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.Length.TryFormat(destination, out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        destination[digits] = (byte)':';
        bytes.CopyTo(destination[(digits + 1)..]);
        return digits + 1 + bytes.Length;
    }

    internal static int DigitCount(long value)
    {
        var count = value < 0 ? 2 : 1; // the minus sign
        var magnitude = value < 0 ? (ulong)(0 - value) : (ulong)value;
        while (magnitude >= 10)
        {
            magnitude /= 10;
            count++;
        }
        return count;
    }
}
