namespace Wisp.Protocol.Bencode;

/// <summary>A bencoded value: a byte string, an integer, a list, or a dictionary with sorted byte-string keys.</summary>
public abstract class BencodeValue
{
    private protected BencodeValue()
    {
    }
}

/// <summary>A bencoded byte string (<c>&lt;length&gt;:&lt;bytes&gt;</c>). Decoded strings point into the input.</summary>
public sealed class BencodeString(ReadOnlyMemory<byte> bytes) : BencodeValue
{
    /// <summary>The raw bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>A string holding the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static BencodeString FromUtf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The bytes read as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string ToUtf8() => System.Text.Encoding.UTF8.GetString(Bytes.Span);

    /// <inheritdoc/>
    public override string ToString() => $"{Bytes.Length}:…";
}

/// <summary>A bencoded integer (<c>i&lt;digits&gt;e</c>), within the range of <see cref="long"/>.</summary>
public sealed class BencodeInteger(long value) : BencodeValue
{
    /// <summary>The value.</summary>
    public long Value { get; } = value;

    /// <inheritdoc/>
    public override string ToString() => $"i{Value}e";
}

/// <summary>A bencoded list (<c>l…e</c>).</summary>
public sealed class BencodeList(IReadOnlyList<BencodeValue> items) : BencodeValue
{
    /// <summary>The items in order.</summary>
    public IReadOnlyList<BencodeValue> Items { get; } = items;

    /// <inheritdoc/>
    public override string ToString() => $"l[{Items.Count}]e";
}

/// <summary>
/// A bencoded dictionary (<c>d…e</c>). Keys are byte strings, unique, in ascending byte order,
/// which makes the encoding of a dictionary unique.
/// </summary>
public sealed class BencodeDictionary : BencodeValue
{
    private readonly KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>[] _entries;

    /// <summary>Builds a dictionary from entries in any order; they are sorted by key bytes.</summary>
    /// <exception cref="ArgumentException">Two entries have the same key.</exception>
    public BencodeDictionary(IEnumerable<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        Array.Sort(_entries, static (a, b) => a.Key.Span.SequenceCompareTo(b.Key.Span));
        for (var i = 1; i < _entries.Length; i++)
        {
            if (_entries[i - 1].Key.Span.SequenceEqual(_entries[i].Key.Span))
                throw new ArgumentException("A bencoded dictionary cannot hold the same key twice.", nameof(entries));
        }
    }

    /// <summary>Builds a dictionary keyed by the UTF-8 bytes of each string key.</summary>
    /// <exception cref="ArgumentException">Two entries have the same key.</exception>
    public BencodeDictionary(IEnumerable<KeyValuePair<string, BencodeValue>> entries)
        : this(entries.Select(e => KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(System.Text.Encoding.UTF8.GetBytes(e.Key), e.Value)))
    {
    }

    /// <summary>The entries in ascending key order.</summary>
    public IReadOnlyList<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>> Entries => _entries;

    /// <summary>Finds the value for <paramref name="key"/>.</summary>
    public bool TryGetValue(ReadOnlySpan<byte> key, out BencodeValue? value)
    {
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var order = _entries[mid].Key.Span.SequenceCompareTo(key);
            if (order == 0)
            {
                value = _entries[mid].Value;
                return true;
            }
            if (order < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        value = null;
        return false;
    }

    /// <summary>Finds the value for the UTF-8 bytes of <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out BencodeValue? value) =>
        TryGetValue(System.Text.Encoding.UTF8.GetBytes(key), out value);

    /// <inheritdoc/>
    public override string ToString() => $"d[{_entries.Length}]e";
}
