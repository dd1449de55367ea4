using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Fuzz;

/// <summary>
/// Seeded mutations of valid request bodies, the kinds that find parser bugs: bit flips, truncation, splices of two
/// bodies, repeated chunks, and for JSON, a field's value swapped for another type (or an extreme of its own), a field
/// removed, or the document nested deeply. The same seed gives the same inputs, so a failure names its input.
/// </summary>
internal sealed class Mutator(int seed, IReadOnlyList<byte[]> corpus)
{
    private static readonly string[] Swaps =
    [
        "null", "true", "0", "-1", "1e308", "18446744073709551616", "-9223372036854775809", "0.5", "\"\"", "\"x\"",
        "[]", "{}", "[[[[[[[[]]]]]]]]", "\"LONE_SURROGATE_MARK\"", "\"\\u0000\"", "\"AAAA\"", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A mutation of a random corpus entry, with the name of what was done (for the failure message).</summary>
    public (byte[] Body, string What) Next()
    {
        var which = _random.Next(corpus.Count);
        var valid = corpus[which];
        var kind = _random.Next(10);
        var body = kind switch
        {
            0 or 1 => FlipBits(valid),
            2 => valid[.._random.Next(valid.Length + 1)],
            3 => Splice(valid, corpus[_random.Next(corpus.Count)]),
            4 => Repeat(valid),
            5 => [.. valid, .. RandomBytes(_random.Next(1, 64))],
            _ => SwapJson(valid) ?? FlipBits(valid),
        };
        return (body, $"corpus[{which}] mutation {kind}");
    }

    private byte[] FlipBits(byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        if (bytes.Length == 0)
            return bytes;
        for (var flips = _random.Next(1, 5); flips > 0; flips--)
            bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
        return bytes;
    }

    private byte[] Splice(byte[] first, byte[] second) =>
        [.. first.AsSpan(0, _random.Next(first.Length + 1)), .. second.AsSpan(_random.Next(second.Length + 1))];

    private byte[] Repeat(byte[] valid)
    {
        if (valid.Length == 0)
            return valid;
        var start = _random.Next(valid.Length);
        var length = _random.Next(1, Math.Min(64, valid.Length - start) + 1);
        var chunk = valid.AsSpan(start, length);
        var result = new List<byte>(valid.Length + (chunk.Length * 8));
        result.AddRange(valid.AsSpan(0, start));
        for (var i = _random.Next(2, 9); i > 0; i--)
            result.AddRange(chunk);
        result.AddRange(valid.AsSpan(start + length));
        return [.. result];
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A JSON body with one value swapped, one field dropped, or the whole nested deep; null when it is not JSON.</summary>
    private byte[]? SwapJson(byte[] valid)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(valid);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is null)
            return null;
        var containers = new List<JsonNode>();
        Collect(root, containers);
        if (containers.Count == 0 || _random.Next(12) == 0)
            return Encoding.UTF8.GetBytes(new string('[', 600) + root.ToJsonString() + new string(']', 600));
        var target = containers[_random.Next(containers.Count)];
        var replacement = JsonNode.Parse(Swaps[_random.Next(Swaps.Length)]);
        switch (target)
        {
            case JsonObject obj when obj.Count > 0:
                var key = obj.ElementAt(_random.Next(obj.Count)).Key;
                if (_random.Next(4) == 0)
                    obj.Remove(key);
                else
                    obj[key] = replacement;
                break;
            case JsonArray array when array.Count > 0:
                array[_random.Next(array.Count)] = replacement;
                break;
            default:
                return null;
        }
        // JsonNode cannot carry a lone surrogate, so it goes in as a marker and becomes the escape in the text.
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace("LONE_SURROGATE_MARK", "\\ud800", StringComparison.Ordinal));
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        if (node is JsonObject obj)
        {
            containers.Add(obj);
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                    Collect(child, containers);
            }
        }
        else if (node is JsonArray array)
        {
            containers.Add(array);
            foreach (var child in array)
            {
                if (child is not null)
                    Collect(child, containers);
            }
        }
    }
}
