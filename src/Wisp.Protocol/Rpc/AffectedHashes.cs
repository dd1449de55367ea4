using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The hashes a delete or expire_all changed: one ascii-sorted list when the request named one namespace, or, for
/// <c>"namespace": "all"</c>, an object of namespace (as a decimal string) to its sorted list, keys in string order
/// (<c>{"-10": […], "0": […], "5": […]}</c>). The node's signature covers every hash, sorted across namespaces.
/// </summary>
public sealed class AffectedHashes
{
    private AffectedHashes(IReadOnlyList<string>? flat, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? byNamespace)
    {
        Flat = flat;
        ByNamespace = byNamespace;
    }

    /// <summary>The sorted list of a one-namespace request, else null.</summary>
    public IReadOnlyList<string>? Flat { get; }

    /// <summary>Per namespace (decimal string), the sorted list, for a request over every namespace; else null.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? ByNamespace { get; }

    /// <summary>Every hash, sorted (ordinal) across namespaces: what the node signs.</summary>
    public IReadOnlyList<string> AllSorted => Flat ?? Sorted(ByNamespace!.SelectMany(n => n.Value));

    /// <summary>One namespace's hashes (sorted here).</summary>
    public static AffectedHashes Of(IEnumerable<string> hashes) => new(Sorted(hashes), null);

    /// <summary>Hashes of every namespace, grouped by namespace (each list sorted, namespaces in string order).</summary>
    public static AffectedHashes PerNamespace(IEnumerable<(int Namespace, string Hash)> hashes) =>
        new(null, [.. hashes
            .GroupBy(h => h.Namespace.ToString(CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (IReadOnlyList<string>)Sorted(g.Select(h => h.Hash))))]);

    /// <summary>Writes the list or the object as the value of <paramref name="name"/>.</summary>
    public void Write(Utf8JsonWriter writer, string name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Flat is not null)
        {
            RpcJson.WriteStrings(writer, name, Flat);
            return;
        }
        writer.WriteStartObject(name);
        foreach (var (ns, hashes) in ByNamespace!)
            RpcJson.WriteStrings(writer, ns, hashes);
        writer.WriteEndObject();
    }

    /// <summary>Reads a list, or an object of lists.</summary>
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out AffectedHashes? value)
    {
        value = null;
        if (RpcJson.TryStrings(json, out var flat))
        {
            value = new AffectedHashes(flat, null);
            return true;
        }
        if (json.ValueKind != JsonValueKind.Object)
            return false;
        var groups = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var ns in json.EnumerateObject())
        {
            if (!RpcJson.TryStrings(ns.Value, out var hashes))
                return false;
            groups.Add(KeyValuePair.Create(ns.Name, (IReadOnlyList<string>)hashes));
        }
        value = new AffectedHashes(null, groups);
        return true;
    }

    private static List<string> Sorted(IEnumerable<string> hashes)
    {
        var list = hashes.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
