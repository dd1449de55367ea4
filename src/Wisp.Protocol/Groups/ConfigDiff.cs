using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>
/// The diff a config message carries (libsession's <c>=</c> and lagged <c>&lt;</c> entries): per key, <c>""</c> for a
/// scalar set, <c>"-"</c> for one removed, <c>[[added…], [removed…]]</c> for a set, a nested dictionary for a dictionary.
/// Diffs name what changed; the values come from the data of the message carrying the diff.
/// </summary>
internal static class ConfigDiff
{
    private static readonly BencodeString Assigned = new(ReadOnlyMemory<byte>.Empty);
    private static readonly BencodeString Removed = new("-"u8.ToArray());

    public static readonly BencodeDictionary Empty = new(Array.Empty<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>());

    /// <summary>The diff from <paramref name="old"/> to <paramref name="now"/>, or null if nothing changed.</summary>
    public static BencodeDictionary? Compute(ConfigDict old, ConfigDict now)
    {
        var diff = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>();
        foreach (var key in old.Entries.Keys.Union(now.Entries.Keys, ByteArrayEquality.Instance))
        {
            var hadOld = old.Entries.TryGetValue(key, out var o);
            var hasNew = now.Entries.TryGetValue(key, out var n);
            BencodeValue? change;
            if (!hasNew)
                change = o switch { ConfigDict d => Compute(d, new ConfigDict()), ConfigSet s => Compute(s, new ConfigSet()), _ => Removed };
            else if (!hadOld || o!.GetType() != n!.GetType())
                // A new key, or one whose kind changed (which libsession treats as new: applying it replaces the old).
                change = n switch { ConfigDict d => Compute(new ConfigDict(), d), ConfigSet s => Compute(new ConfigSet(), s), _ => Assigned };
            else
                change = (o, n) switch
                {
                    (ConfigScalar a, ConfigScalar b) => a.Equals(b) ? null : Assigned,
                    (ConfigDict a, ConfigDict b) => Compute(a, b),
                    (ConfigSet a, ConfigSet b) => Compute(a, b),
                    _ => null,
                };
            if (change is not null)
                diff.Add(KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(key, change));
        }
        return diff.Count == 0 ? null : new BencodeDictionary(diff);
    }

    private static BencodeList? Compute(ConfigSet old, ConfigSet now)
    {
        var added = now.Items.Where(i => !old.Items.Contains(i)).ToList();
        var removed = old.Items.Where(i => !now.Items.Contains(i)).ToList();
        if (added.Count == 0 && removed.Count == 0)
            return null;
        return new BencodeList([
            new BencodeList([.. added.Select(a => a.ToBencode())]),
            new BencodeList([.. removed.Select(r => r.ToBencode())]),
        ]);
    }

    /// <summary>
    /// Applies <paramref name="diff"/> to <paramref name="data"/>, taking values from <paramref name="source"/> (the data of
    /// the message that carried the diff). Empty sets and dictionaries are left for a later prune, as libsession does.
    /// </summary>
    public static void Apply(ConfigDict data, BencodeDictionary diff, ConfigDict source)
    {
        foreach (var (keyMemory, change) in diff.Entries)
        {
            var key = keyMemory.ToArray();
            source.Entries.TryGetValue(key, out var from);
            var matches = (change, from) switch
            {
                (BencodeString, ConfigScalar) => true,
                (BencodeList, ConfigSet) => true,
                (BencodeDictionary, ConfigDict) => true,
                _ => false,
            };
            if (!matches)
            {
                // The value is gone from (or changed kind in) the source, so a later diff removes or replaces it: drop
                // it now so that a dict → scalar → dict sequence cannot leave the first dict's keys behind.
                data.Entries.Remove(key);
                continue;
            }
            switch (change)
            {
                case BencodeString s when s.Bytes.Length == 0:
                    data.Entries[key] = from!;
                    break;
                case BencodeString:
                    data.Entries.Remove(key);
                    break;
                case BencodeDictionary sub:
                    if (!data.Entries.TryGetValue(key, out var existing) || existing is not ConfigDict target)
                        data.Entries[key] = target = new ConfigDict();
                    Apply(target, sub, (ConfigDict)from!);
                    break;
                case BencodeList pair:
                    if (!data.Entries.TryGetValue(key, out var current) || current is not ConfigSet set)
                        data.Entries[key] = set = new ConfigSet();
                    foreach (var added in ((BencodeList)pair.Items[0]).Items)
                        set.Items.Add(ConfigScalar.FromBencode(added)!);
                    foreach (var removed in ((BencodeList)pair.Items[1]).Items)
                        set.Items.Remove(ConfigScalar.FromBencode(removed)!);
                    break;
            }
        }
    }

    /// <summary>Checks a diff read from a message (libsession's load_diff).</summary>
    /// <exception cref="ConfigFormatException">The diff is malformed.</exception>
    public static BencodeDictionary Validate(BencodeDictionary diff)
    {
        foreach (var (keyMemory, change) in diff.Entries)
        {
            var key = System.Text.Encoding.UTF8.GetString(keyMemory.Span);
            switch (change)
            {
                case BencodeString s:
                    if (!(s.Bytes.Length == 0 || s.Bytes.Span.SequenceEqual("-"u8)))
                        throw new ConfigFormatException($"config diff contains invalid dict pair {key}={s.ToUtf8()}");
                    break;
                case BencodeList list:
                    if (list.Items.Count != 2)
                        throw new ConfigFormatException($"config diff contains invalid set at {key}: expected 2 elements");
                    foreach (var sub in list.Items)
                    {
                        if (sub is not BencodeList elements)
                            throw new ConfigFormatException($"config diff contains invalid set at {key}: expected 2 sub-lists");
                        for (var i = 1; i < elements.Items.Count; i++)
                            CheckScalarOrder(elements.Items[i - 1], elements.Items[i]);
                        if (elements.Items.Count == 1 && ConfigScalar.FromBencode(elements.Items[0]) is null)
                            throw new ConfigFormatException("invalid config set elements: only ints/strings permitted");
                    }
                    break;
                case BencodeDictionary sub:
                    Validate(sub);
                    break;
                default:
                    // libsession's reader never consumes an integer here (it would loop); Wisp refuses it.
                    throw new ConfigFormatException($"config diff contains an integer at {key}");
            }
        }
        return diff;
    }

    private static void CheckScalarOrder(BencodeValue a, BencodeValue b)
    {
        var x = ConfigScalar.FromBencode(a);
        var y = ConfigScalar.FromBencode(b);
        if (x is null || y is null)
            throw new ConfigFormatException("invalid config set elements: only ints/strings permitted");
        if (x.Bytes is not null && y.Bytes is null)
            throw new ConfigFormatException("invalid config set elements: string before int");
        if (x.CompareTo(y) >= 0)
            throw new ConfigFormatException(x.Bytes is null && y.Bytes is null
                ? "invalid config set elements: unsorted integers"
                : "invalid config set elements: unsorted strings");
    }

    /// <summary>Reads the <c>&amp;</c> data (libsession's parse_data): nested dictionaries and sets non-empty, sets sorted.</summary>
    public static ConfigDict ParseData(BencodeDictionary input, bool topLevel)
    {
        if (!topLevel && input.Entries.Count == 0)
            throw new ConfigFormatException("Failed to parse config file: Data contains an unpruned, empty dict");
        var result = new ConfigDict();
        foreach (var (key, value) in input.Entries)
        {
            result.Entries.Add(key.ToArray(), value switch
            {
                BencodeDictionary d => ParseData(d, topLevel: false),
                BencodeList l => ParseSet(l),
                _ => ConfigScalar.FromBencode(value)!,
            });
        }
        return result;
    }

    private static ConfigSet ParseSet(BencodeList input)
    {
        if (input.Items.Count == 0)
            throw new ConfigFormatException("Failed to parse config file: Data contains an unpruned, empty set");
        var set = new ConfigSet();
        ConfigScalar? last = null;
        foreach (var item in input.Items)
        {
            var scalar = ConfigScalar.FromBencode(item)
                ?? throw new ConfigFormatException("Data contains a set with a non-scalar value");
            if (last is not null && scalar.Equals(last))
                throw new ConfigFormatException("Data contains a set with duplicates");
            if (last is not null && scalar.CompareTo(last) < 0)
                throw new ConfigFormatException("Data contains an unsorted set");
            set.Items.Add(scalar);
            last = scalar;
        }
        return set;
    }
}

/// <summary>A config message that does not parse or verify; the message is libsession's wording where it has one.</summary>
internal sealed class ConfigFormatException(string message) : Exception(message);

internal sealed class ByteArrayEquality : IEqualityComparer<byte[]>
{
    public static readonly ByteArrayEquality Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
