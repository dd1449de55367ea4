using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>
/// A value in a config's data (libsession's <c>dict_value</c>): a scalar (integer or byte string), a set of scalars,
/// or a dictionary. Empty sets and dictionaries are never stored: they are pruned before a message is written.
/// </summary>
internal abstract class ConfigValue
{
    public abstract ConfigValue Clone();

    public abstract BencodeValue ToBencode();
}

/// <summary>An integer or a byte string. Integers order before strings; strings order by their bytes.</summary>
internal sealed class ConfigScalar : ConfigValue, IComparable<ConfigScalar>, IEquatable<ConfigScalar>
{
    public ConfigScalar(long value) => Integer = value;

    public ConfigScalar(byte[] value) => Bytes = value;

    public long? Integer { get; }

    public byte[]? Bytes { get; }

    public static ConfigScalar FromUtf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public override ConfigValue Clone() => this;

    public override BencodeValue ToBencode() =>
        Bytes is null ? new BencodeInteger(Integer!.Value) : new BencodeString(Bytes);

    public int CompareTo(ConfigScalar? other)
    {
        if (other is null)
            return 1;
        if (Bytes is null)
            return other.Bytes is null ? Integer!.Value.CompareTo(other.Integer!.Value) : -1;
        return other.Bytes is null ? 1 : Bytes.AsSpan().SequenceCompareTo(other.Bytes);
    }

    public bool Equals(ConfigScalar? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ConfigScalar other && Equals(other);

    public override int GetHashCode() => Bytes is null ? Integer!.Value.GetHashCode() : Bytes.Length;

    public static ConfigScalar? FromBencode(BencodeValue value) => value switch
    {
        BencodeInteger i => new ConfigScalar(i.Value),
        BencodeString s => new ConfigScalar(s.Bytes.ToArray()),
        _ => null,
    };
}

/// <summary>A sorted set of scalars, written as a bencoded list.</summary>
internal sealed class ConfigSet : ConfigValue
{
    public SortedSet<ConfigScalar> Items { get; } = [];

    public override ConfigValue Clone()
    {
        var copy = new ConfigSet();
        copy.Items.UnionWith(Items);
        return copy;
    }

    public override BencodeValue ToBencode() => new BencodeList([.. Items.Select(i => i.ToBencode())]);
}

/// <summary>A dictionary keyed by byte strings in byte order, written as a bencoded dictionary.</summary>
internal sealed class ConfigDict : ConfigValue
{
    public SortedDictionary<byte[], ConfigValue> Entries { get; } = new(ByteOrder.Instance);

    public ConfigValue? this[string key]
    {
        get => Entries.GetValueOrDefault(System.Text.Encoding.UTF8.GetBytes(key));
    }

    public void Set(string key, ConfigValue value) => Entries[System.Text.Encoding.UTF8.GetBytes(key)] = value;

    public void Remove(string key) => Entries.Remove(System.Text.Encoding.UTF8.GetBytes(key));

    public override ConfigValue Clone()
    {
        var copy = new ConfigDict();
        foreach (var (key, value) in Entries)
            copy.Entries.Add(key, value.Clone());
        return copy;
    }

    public ConfigDict CloneDict() => (ConfigDict)Clone();

    public override BencodeValue ToBencode() => new BencodeDictionary(
        Entries.Select(e => KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(e.Key, e.Value.ToBencode())));

    /// <summary>Same content: compared through the (unique) encoding.</summary>
    public bool SameAs(ConfigDict other) =>
        BencodeWriter.Encode(ToBencode()).AsSpan().SequenceEqual(BencodeWriter.Encode(other.ToBencode()));

    /// <summary>Removes empty sets and dictionaries, depth first (libsession's prune). True if anything went.</summary>
    public bool Prune()
    {
        var removed = false;
        foreach (var key in Entries.Keys.ToList())
        {
            var value = Entries[key];
            var empty = value switch
            {
                ConfigDict d => PruneInner(d, ref removed),
                ConfigSet s => s.Items.Count == 0,
                _ => false,
            };
            if (empty)
            {
                Entries.Remove(key);
                removed = true;
            }
        }
        return removed;

        static bool PruneInner(ConfigDict d, ref bool removed)
        {
            removed |= d.Prune();
            return d.Entries.Count == 0;
        }
    }
}

/// <summary>Byte-string order, as C++ compares std::string (memcmp, then length).</summary>
internal sealed class ByteOrder : IComparer<byte[]>
{
    public static readonly ByteOrder Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
