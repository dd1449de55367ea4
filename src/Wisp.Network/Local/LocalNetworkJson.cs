using System.Text.Json;
using System.Text.Json.Serialization;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Network.Local;

/// <summary>
/// The bytes of <c>network.json</c>: <c>{"format": 1, "registryKey": hex, "registryFile": "registry.json", "nodes":
/// [{"name", "data", "host", "port", "ed25519", "removed"}]}</c>. Reading checks every field and says which one is
/// wrong; nothing in the file is trusted to stay inside the network's folder unless it is checked.
/// </summary>
internal static class LocalNetworkJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Write(LocalNetwork network) => JsonSerializer.SerializeToUtf8Bytes(new FileShape
    {
        Format = LocalNetwork.FormatVersion,
        RegistryKey = network.RegistryKey.ToHex(),
        RegistryFile = network.RegistryFile,
        Nodes = [.. network.Nodes.Select(n => new NodeShape
        {
            Name = n.Name, Data = n.DataDirectory, Host = n.Host, Port = n.Port, Ed25519 = n.Ed25519Key.ToHex(), Removed = n.Removed,
        })],
    }, Options);

    /// <summary>The network described by <paramref name="json"/>, or null with <paramref name="problem"/> naming the bad field.</summary>
    public static LocalNetwork? Read(string folder, ReadOnlySpan<byte> json, out string? problem)
    {
        // Editors on some systems save UTF-8 with a byte order mark; the JSON reader does not skip it.
        if (json.StartsWith("\uFEFF"u8))
            json = json[3..];
        FileShape? shape;
        try
        {
            shape = JsonSerializer.Deserialize<FileShape>(json, Options);
        }
        catch (JsonException exception)
        {
            problem = $"it is not valid JSON of the expected shape ({exception.Message})";
            return null;
        }
        if (shape is null)
        {
            problem = "it holds null instead of an object";
            return null;
        }
        if (shape.Format != LocalNetwork.FormatVersion)
        {
            problem = $"\"format\" is {shape.Format}; this wisp reads format {LocalNetwork.FormatVersion}";
            return null;
        }
        if (!TryKey(shape.RegistryKey, out var registryKey))
        {
            problem = "\"registryKey\" is not a 64-character hex Ed25519 key";
            return null;
        }
        if (CheckRelative(shape.RegistryFile) is { } badRegistryFile)
        {
            problem = $"\"registryFile\" {badRegistryFile}";
            return null;
        }
        var nodes = ReadNodes(shape.Nodes ?? [], out problem);
        return nodes is null ? null : new LocalNetwork(folder, registryKey!, shape.RegistryFile!, nodes);
    }

    private static List<LocalNode>? ReadNodes(List<NodeShape?> shapes, out string? problem)
    {
        problem = null;
        if (shapes.Count > LocalNetworkLimits.MaxNodes)
        {
            problem = $"it lists {shapes.Count} nodes; at most {LocalNetworkLimits.MaxNodes} are allowed";
            return null;
        }
        var nodes = new List<LocalNode>(shapes.Count);
        for (var i = 0; i < shapes.Count; i++)
        {
            var where = $"nodes[{i}]";
            var shape = shapes[i];
            if (shape is null)
                problem = $"{where} is null";
            else if (LocalNetwork.CheckNodeName(shape.Name) is { } badName)
                problem = $"{where}.name {badName}";
            else if (CheckRelative(shape.Data) is { } badData)
                problem = $"{where}.data {badData}";
            else if (RegistryRules.CheckHost(shape.Host) is { } badHost)
                problem = $"{where}.host: {badHost}";
            else if (RegistryRules.CheckPort(shape.Port) is { } badPort)
                problem = $"{where}.port: {badPort}";
            else if (!TryKey(shape.Ed25519, out var key))
                problem = $"{where}.ed25519 is not a 64-character hex Ed25519 key";
            else if (nodes.Find(n => n.Name == shape.Name || n.Ed25519Key.Equals(key)) is { } twin)
                problem = $"{where} repeats the name or key of node {twin.Name}";
            else
                nodes.Add(new LocalNode(shape.Name!, shape.Data!, shape.Host!, shape.Port, key!, shape.Removed));
            if (problem is not null)
                return null;
        }
        return nodes;
    }

    private static bool TryKey(string? hex, out Ed25519PublicKey? key)
    {
        key = null;
        if (hex is not { Length: Ed25519PublicKey.Bytes * 2 } || !hex.All(char.IsAsciiHexDigit))
            return false;
        key = Ed25519PublicKey.FromHex(hex);
        return true;
    }

    /// <summary>Null when <paramref name="path"/> is a relative path that stays inside the folder; otherwise what is wrong.</summary>
    private static string? CheckRelative(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return "is missing";
        if (path.Length > 255)
            return "is longer than 255 characters";
        if (Path.IsPathRooted(path))
            return $"'{path}' is absolute; it must be relative to the network's folder";
        if (path.Split('/', '\\').Any(part => part is ".." or ""))
            return $"'{path}' must name a place inside the network's folder (no '..', no empty parts)";
        return null;
    }

    private sealed class FileShape
    {
        [JsonPropertyName("format")] public int Format { get; init; }
        [JsonPropertyName("registryKey")] public string? RegistryKey { get; init; }
        [JsonPropertyName("registryFile")] public string? RegistryFile { get; init; }
        [JsonPropertyName("nodes")] public List<NodeShape?>? Nodes { get; init; }
    }

    private sealed class NodeShape
    {
        [JsonPropertyName("name")] public string? Name { get; init; }
        [JsonPropertyName("data")] public string? Data { get; init; }
        [JsonPropertyName("host")] public string? Host { get; init; }
        [JsonPropertyName("port")] public int Port { get; init; }
        [JsonPropertyName("ed25519")] public string? Ed25519 { get; init; }
        [JsonPropertyName("removed")] public bool Removed { get; init; }
    }
}
