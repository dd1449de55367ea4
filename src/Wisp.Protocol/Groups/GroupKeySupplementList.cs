using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>The decrypted body of a supplement entry: a bencoded list of <c>{g: generation, k: key, t: timestamp ms}</c>.</summary>
internal static class GroupKeySupplementList
{
    /// <summary>The keys listed; empty when the list is malformed (a signed message from an admin, so this is not expected).</summary>
    public static IReadOnlyList<GroupKey> Read(byte[] plain)
    {
        var decoded = BencodeReader.Decode(plain);
        if (!decoded.Ok || decoded.Value is not BencodeList list)
            return [];
        var keys = new List<GroupKey>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is not BencodeDictionary d
                || !d.TryGetValue("g", out var g) || g is not BencodeInteger { Value: >= 0 } generation
                || !d.TryGetValue("k", out var k) || k is not BencodeString { Bytes.Length: GroupKey.Bytes } key
                || !d.TryGetValue("t", out var t) || t is not BencodeInteger timestamp)
                return [];
            keys.Add(new GroupKey(generation.Value, key.Bytes.Span, timestamp.Value));
        }
        Array.Clear(plain);
        return keys;
    }
}
